"""A district's framework as a 1EdTech CASE 1.1 JSON package, and back (1.0 and 1.1 both
import: a 1.1 package is a 1.0 package without the links back to its document).

Mapping:
- the Framework is the CFDocument;
- each Attribute, LevelDescriptor, ReflectionPrompt and LeadershipExample is a CFItem, told
  apart by CFItemType; a level travels as the concept keyword "level:<level>";
- descriptors and prompts are `isChildOf` their attribute, attributes `isChildOf` the
  document; each example is an `exemplar` association from an attribute to the example.

Identifiers are stable: an imported record keeps its CASE identifier; others get a UUID
derived from the district and the record, so exporting twice gives the same package.

What 1.1 changed for us: a CFItem and a CFAssociation no longer carry `CFDocumentURI`, an
item no `title`, the document no `CFPackageURI`; the document says `caseVersion` "1.1".
`package_problems` checks a package against 1EdTech's JSON Schema for a CASE 1.1 package
(schemas/case_v1p1_cfpackage.json: the getCFPackage response payload schema of the CASE
1.1 Final Release, as OpenSALT, 1EdTech's CASE reference implementation, ships it in
core/config/schema/case-v1p1-cfpackage-schema.json, its long descriptions shortened there;
its structure is what is checked). Its "uri" and "date-time" formats are checked only when
jsonschema's optional format packages are installed; they are not here.
"""

import json
import uuid
from functools import cache
from pathlib import Path

import jsonschema
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from leadership.audit import audit_log
from leadership.models import Level
from leadership.text import CONTROL_CHARACTERS
from portrait.models import Attribute, Framework, LeadershipExample, LevelDescriptor

NAMESPACE = uuid.UUID("6f1c0f4e-4a8e-4f57-9a3c-2f6d8f1e9b10")
ATTRIBUTE = "Attribute"
DESCRIPTOR = "Level descriptor"
PROMPT = "Reflection prompt"
EXAMPLE = "Leadership example"
MAX_BYTES = 5 * 1024 * 1024
SCHEMA_1_1 = Path(__file__).with_name("schemas") / "case_v1p1_cfpackage.json"


class CaseError(Exception):
    """A CASE package that cannot be imported; the message says why, in plain words."""


def _identifier(obj, kind):
    if getattr(obj, "source_identifier", ""):
        return obj.source_identifier
    district_id = obj.district_id if kind == "document" else ""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{district_id}:{obj.pk}"))


def _node(identifier, title):
    return {"title": title[:200], "identifier": identifier, "uri": f"urn:uuid:{identifier}"}


def _stamp(moment=None):
    return (moment or timezone.now()).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def framework_of(district, identifier):
    """The district's framework whose CASE document identifier is `identifier`, or None."""
    for framework in Framework.objects.filter(district=district).select_related("district"):
        if _identifier(framework, "document") == identifier:
            return framework
    return None


def export_framework(framework):
    """The framework as a CASE package (a dict ready for json.dumps)."""
    now = _stamp()
    doc_id = _identifier(framework, "document")
    document = _node(doc_id, framework.name)
    items, associations = [], []

    def item(identifier, item_type, statement, **extra):
        items.append(
            {
                "identifier": identifier,
                "uri": f"urn:uuid:{identifier}",
                "fullStatement": statement,
                "CFItemType": item_type,
                "lastChangeDateTime": now,
                **{k: v for k, v in extra.items() if v not in ("", None, [])},
            }
        )
        return _node(identifier, extra.get("abbreviatedStatement") or statement)

    def associate(kind, origin, destination, order=None):
        identifier = str(
            uuid.uuid5(NAMESPACE, f"{kind}:{origin['identifier']}:{destination['identifier']}")
        )
        associations.append(
            {
                "identifier": identifier,
                "uri": f"urn:uuid:{identifier}",
                "associationType": kind,
                "originNodeURI": origin,
                "destinationNodeURI": destination,
                "lastChangeDateTime": now,
                **({"sequenceNumber": order} if order is not None else {}),
            }
        )

    attributes = framework.attributes.prefetch_related("descriptors", "prompts").order_by(
        "order", "name"
    )
    nodes = {}
    for attribute in attributes:
        node = item(
            _identifier(attribute, "attribute"),
            ATTRIBUTE,
            attribute.summary,
            abbreviatedStatement=attribute.name,
            humanCodingScheme=attribute.slug,
            listEnumeration=str(attribute.order),
            notes=attribute.description,
        )
        nodes[attribute.pk] = node
        associate("isChildOf", node, document, attribute.order)
        for descriptor in attribute.descriptors.all():
            child = item(
                _identifier(descriptor, "descriptor"),
                DESCRIPTOR,
                descriptor.text,
                conceptKeywords=[f"level:{descriptor.level}"],
            )
            associate("isChildOf", child, node)
        for prompt in attribute.prompts.all():
            child = item(
                _identifier(prompt, "prompt"),
                PROMPT,
                prompt.text,
                listEnumeration=str(prompt.order),
                conceptKeywords=[f"level:{prompt.level}"] if prompt.level else [],
                notes="archived" if prompt.is_archived else "",
            )
            associate("isChildOf", child, node, prompt.order)
    examples = framework.examples.filter(is_archived=False).prefetch_related("attributes")
    for example in examples:
        child = item(
            _identifier(example, "example"),
            EXAMPLE,
            example.story,
            abbreviatedStatement=example.title,
            conceptKeywords=[f"level:{example.level}"],
        )
        for attribute in example.attributes.all():
            if attribute.pk in nodes:
                associate("exemplar", nodes[attribute.pk], child)
    return {
        "CFDocument": {
            **document,
            "caseVersion": "1.1",
            "creator": framework.district.name,
            "lastChangeDateTime": now,
            "description": framework.description,
            "language": "en",
            "adoptionStatus": "Adopted" if framework.is_current else "Draft",
        },
        "CFItems": items,
        "CFAssociations": associations,
    }


@cache
def _validator_1_1():
    schema = json.loads(SCHEMA_1_1.read_text())
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def package_problems(package):
    """What in `package` (a dict) breaks the CASE 1.1 package schema, one line each, as
    "where: what"; empty when it conforms."""
    errors = sorted(_validator_1_1().iter_errors(package), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or 'the package'}: {e.message}" for e in errors]


def export_json(framework, *, actor=None):
    """The package as indented JSON text; the export is written to the audit log."""
    package = export_framework(framework)
    audit_log(
        district=framework.district,
        actor=actor,
        action="framework.export",
        obj=framework,
        summary=f"Exported {framework.name} as a CASE package",
        after={"items": len(package["CFItems"]), "associations": len(package["CFAssociations"])},
    )
    return json.dumps(package, indent=2, ensure_ascii=False)


ITEM_TEXT = (
    "identifier",
    "CFItemType",
    "abbreviatedStatement",
    "fullStatement",
    "humanCodingScheme",
    "listEnumeration",
    "notes",
)


def _kind(value):
    """What a JSON value is, in words, for a message."""
    if value is None:
        return "missing"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    return {dict: "an object", list: "a list", str: "text"}[type(value)]


def _check_text(entry, key, where):
    value = entry.get(key)
    if value is None:
        return
    if not isinstance(value, str):
        raise CaseError(f"{where}: {key} should be text, but it is {_kind(value)}.")
    if found := CONTROL_CHARACTERS.search(value):
        raise CaseError(
            f"{where}: {key} holds a control character (U+{ord(found.group()):04X}), "
            "which a framework cannot hold."
        )


def _objects(package, key):
    """The list under `key`, every entry of it an object; anything else is refused."""
    entries = package.get(key, [])
    if not isinstance(entries, list):
        raise CaseError(f"{key} should be a list, but it is {_kind(entries)}.")
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise CaseError(
                f"Entry {number} of {key} is {_kind(entry)}, not an object with an identifier."
            )
    return entries


def _check_item(entry, where):
    for key in ITEM_TEXT:
        _check_text(entry, key, where)
    if not entry.get("identifier"):
        raise CaseError(f"{where} has no identifier.")
    keywords = entry.get("conceptKeywords", [])
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        raise CaseError(f"{where}: conceptKeywords should be a list of text.")
    number = entry.get("sequenceNumber")
    if number is not None and (isinstance(number, bool) or not isinstance(number, int)):
        raise CaseError(f"{where}: sequenceNumber should be a whole number.")


def _check_association(link, where):
    _check_text(link, "associationType", where)
    for key in ("originNodeURI", "destinationNodeURI"):
        node = link.get(key)
        if not isinstance(node, dict):
            raise CaseError(f"{where}: {key} should be an object, but it is {_kind(node)}.")
        _check_text(node, "identifier", f"{where}, {key}")


def _parse(content):
    if isinstance(content, bytes):
        if len(content) > MAX_BYTES:
            raise CaseError("The file is larger than 5 MB.")
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise CaseError("The file is not UTF-8 text.") from error
    try:
        return json.loads(content)
    except json.JSONDecodeError as error:
        raise CaseError(
            f"The file is not valid JSON (line {error.lineno}, column {error.colno})."
        ) from error
    except RecursionError as error:
        raise CaseError("The file nests its values too deeply to be a CASE package.") from error
    except ValueError as error:  # a number with more digits than Python reads
        raise CaseError("The file holds a number too long to read.") from error


def _load(content):
    """The package, every part that the import reads checked for its type, or CaseError."""
    package = _parse(content)
    if not isinstance(package, dict) or not isinstance(package.get("CFDocument"), dict):
        raise CaseError("The file has no CFDocument, so it is not a CASE package.")
    document = package["CFDocument"]
    for key in ("identifier", "title", "description"):
        _check_text(document, key, "The CFDocument")
    if not document.get("identifier") or not (document.get("title") or "").strip():
        raise CaseError("The CFDocument needs an identifier and a title.")
    items = _objects(package, "CFItems")
    for number, entry in enumerate(items, 1):
        _check_item(entry, f"Entry {number} of CFItems")
    for number, link in enumerate(_objects(package, "CFAssociations"), 1):
        _check_association(link, f"Entry {number} of CFAssociations")
    if not any(entry.get("CFItemType") == ATTRIBUTE for entry in items):
        raise CaseError(
            f'The package has no CFItem of type "{ATTRIBUTE}", so it holds no framework to import.'
        )
    return package


def _level(entry, default=""):
    for keyword in entry.get("conceptKeywords") or []:
        if isinstance(keyword, str) and keyword.startswith("level:"):
            value = keyword.removeprefix("level:")
            if value in Level.values:
                return value
    return default


MAX_ORDER = 32767  # a PositiveSmallIntegerField


def _order(entry):
    try:
        order = int(entry.get("listEnumeration") or entry.get("sequenceNumber") or 0)
    except (TypeError, ValueError):
        return 0
    return min(max(order, 0), MAX_ORDER)


@transaction.atomic
def import_package(content, *, district, actor=None, make_current=False):
    """Create a framework from a CASE package. Raises CaseError; writes nothing then."""
    package = _load(content)
    document = package["CFDocument"]
    doc_id = str(document["identifier"])[:64]
    if Framework.objects.filter(district=district, source_identifier=doc_id).exists():
        raise CaseError("This framework has already been imported into the district.")
    items = {entry["identifier"]: entry for entry in package.get("CFItems", [])}
    parents, exemplars = {}, []
    for link in package.get("CFAssociations", []):
        origin = link["originNodeURI"].get("identifier") or ""
        destination = link["destinationNodeURI"].get("identifier") or ""
        if link.get("associationType") == "isChildOf":
            parents[origin] = destination
        elif link.get("associationType") == "exemplar":
            exemplars.append((origin, destination))
    if make_current:
        Framework.objects.filter(district=district, is_current=True).update(is_current=False)
    has_current = Framework.objects.filter(district=district, is_current=True).exists()
    framework = Framework.objects.create(
        district=district,
        name=str(document["title"]).strip()[:200],
        description=str(document.get("description") or ""),
        is_current=not has_current,
        source_identifier=doc_id,
    )
    attributes, slugs = {}, set()
    for identifier, entry in items.items():
        if entry.get("CFItemType") != ATTRIBUTE:
            continue
        name = str(entry.get("abbreviatedStatement") or entry.get("fullStatement") or "").strip()
        if not name:
            raise CaseError(f"The attribute {identifier} has no name.")
        slug = slugify(entry.get("humanCodingScheme") or name)[:80] or "attribute"
        base, n = slug, 2
        while slug in slugs:
            slug, n = f"{base[:76]}-{n}", n + 1
        slugs.add(slug)
        attributes[identifier] = Attribute.objects.create(
            framework=framework,
            name=name[:120],
            slug=slug,
            summary=str(entry.get("fullStatement") or name)[:300],
            description=str(entry.get("notes") or ""),
            order=_order(entry),
            source_identifier=identifier[:64],
        )
    descriptors = set()
    for identifier, entry in items.items():
        kind = entry.get("CFItemType")
        attribute = attributes.get(parents.get(identifier, ""))
        text = str(entry.get("fullStatement") or "").strip()
        if kind not in (DESCRIPTOR, PROMPT) or attribute is None or not text:
            continue
        if kind == DESCRIPTOR:
            level = _level(entry)
            if not level or (attribute.pk, level) in descriptors:
                continue
            descriptors.add((attribute.pk, level))
            LevelDescriptor.objects.create(
                attribute=attribute, level=level, text=text, source_identifier=identifier[:64]
            )
        else:
            attribute.prompts.create(
                text=text,
                level=_level(entry),
                order=_order(entry),
                is_archived=entry.get("notes") == "archived",
                source_identifier=identifier[:64],
            )
    examples = {}
    for origin, destination in exemplars:
        attribute_id, example_id = (
            (origin, destination) if origin in attributes else (destination, origin)
        )
        entry = items.get(example_id)
        if attribute_id not in attributes or entry is None:
            continue
        if example_id not in examples:
            examples[example_id] = LeadershipExample.objects.create(
                framework=framework,
                title=str(entry.get("abbreviatedStatement") or "Leadership in action")[:200],
                story=str(entry.get("fullStatement") or ""),
                level=_level(entry, Level.CLASSROOM),
                source_identifier=example_id[:64],
            )
        examples[example_id].attributes.add(attributes[attribute_id])
    audit_log(
        district=district,
        actor=actor,
        action="framework.import",
        obj=framework,
        summary=f"Imported the framework {framework.name} from a CASE package",
        after={"identifier": doc_id, "attributes": len(attributes), "examples": len(examples)},
    )
    return framework
