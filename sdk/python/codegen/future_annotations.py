"""ariadne-codegen plugin: the base client files it copies use `X | Y` annotations, which
Python 3.9 cannot evaluate; postponed annotations keep the package importable on 3.9."""

from ariadne_codegen.plugins.base import Plugin

FUTURE = "from __future__ import annotations\n"


class FutureAnnotationsPlugin(Plugin):
    def copy_code(self, copied_code: str) -> str:
        if FUTURE in copied_code:
            return copied_code
        return FUTURE + copied_code
