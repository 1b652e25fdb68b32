"""What else a reflection prompt is used for, said before it is archived.

Apps above portrait (programs assigns prompts to cohorts) register a function
`describe(prompt) -> [sentence]` from their AppConfig.ready; the archive confirmation lists
every sentence, so an administrator sees who would be stopped from writing on it.
"""

from portrait.models import Reflection

_describers = []


def register(describe):
    if describe not in _describers:
        _describers.append(describe)


def prompt_uses(prompt):
    """What archiving the prompt changes, in sentences: its reflections, then each app's."""
    written = Reflection.objects.filter(prompt=prompt)
    drafts = written.filter(status=Reflection.Status.DRAFT).count()
    submitted = written.count() - drafts
    return [
        "Nobody can start a new reflection on it; it is no longer offered.",
        f"{_count(submitted, 'reflection')} written on it "
        f"{'stays' if submitted == 1 else 'stay'} readable, and "
        f"{_count(drafts, 'draft')} on it can still be finished.",
        *(sentence for describe in _describers for sentence in describe(prompt)),
    ]


def _count(n, noun):
    return f"{n} {noun}{'' if n == 1 else 's'}"
