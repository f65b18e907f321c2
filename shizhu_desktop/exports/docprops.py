"""What every exported file says about itself: the program and version that made it, and who wrote it."""

# A county office that receives a file can then tell which program version made it, in Excel's or WPS's 属性 and
# in Word's, as in a PDF's 生成程序 (Creator).

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from shizhu_desktop import __version__

#: The name of the custom document property holding the program and its version.
PROGRAM_PROPERTY = "生成程序"
#: The format id every custom document property carries (the one Office uses for user-defined properties).
_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def program_label() -> str:
    """E.g. shizhu-desktop 0.9.0: what the PDFs name as their Creator, and the workbooks as 生成程序."""
    return f"shizhu-desktop {__version__}"


def stamp_workbook(workbook: Any, creator: str, extra: Sequence[tuple[str, str]] = ()) -> None:
    """The workbook's author (创建者, 最后修改者) and its custom properties: 生成程序 first, then ``extra``."""
    from openpyxl.packaging.custom import StringProperty

    props = workbook.properties
    props.creator = props.lastModifiedBy = creator
    for name, value in ((PROGRAM_PROPERTY, program_label()), *extra):
        workbook.custom_doc_props.append(StringProperty(name=name, value=value))


def stamp_document(doc: Any, author: str) -> None:
    """A Word document's author, dates, comment and the 生成程序 custom property.

    python-docx starts from its own template, which says it was written by python-docx in 2013: every one of
    those is replaced.
    """
    props = doc.core_properties
    props.author = props.last_modified_by = author
    props.comments = f"由 {program_label()} 生成"
    props.created = props.modified = datetime.now(timezone.utc).replace(microsecond=0)
    props.revision = 1
    _custom_properties(doc, [(PROGRAM_PROPERTY, program_label())])


def _custom_properties(doc: Any, items: Sequence[tuple[str, str]]) -> None:
    """Add docProps/custom.xml (python-docx reads and writes only the core properties)."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    entries = "".join(
        f'<property fmtid="{_CUSTOM_FMTID}" pid="{pid}" name={quoteattr(name)}><vt:lpwstr>{escape(value)}</vt:lpwstr>'
        "</property>"
        for pid, (name, value) in enumerate(items, 2)  # pid 0 and 1 are reserved
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{entries}</Properties>"
    )
    package = doc.part.package
    part = Part(PackURI("/docProps/custom.xml"), CONTENT_TYPE.OFC_CUSTOM_PROPERTIES, xml.encode("utf-8"), package)
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)
