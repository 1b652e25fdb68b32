"""`{% squash %}…{% endsquash %}`: each run of whitespace that holds a line break becomes one
line break. A browser draws the page the same (HTML collapses whitespace alike), but a long
page built from indented templates loses the indentation of every repeated row. Not for a
block holding <pre> or <textarea>, where whitespace is what the reader sees."""

import re

from django import template
from django.utils.safestring import mark_safe

register = template.Library()
_RUN = re.compile(r"[ \t]*\n\s*")


class SquashNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        return mark_safe(_RUN.sub("\n", self.nodelist.render(context)))


@register.tag
def squash(parser, token):
    nodelist = parser.parse(("endsquash",))
    parser.delete_first_token()
    return SquashNode(nodelist)
