"""The DOCX package: a minimal one to start from, and its bytes written reproducibly."""

from __future__ import annotations

import datetime
import io
import zipfile

import docx
from docx.document import Document

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"

# Built here rather than taken from python-docx's default.docx, which carries a thumbnail, a Mac
# Word application name, 160 styles in Calibri and a second copy of them (stylesWithEffects.xml).
_CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{_CT}.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="{_CT}.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="{_CT}.settings+xml"/>
</Types>"""

_PACKAGE_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{_RELS}">
<Relationship Id="rId1" Type="{_R}/officeDocument" Target="word/document.xml"/>
</Relationships>"""

_DOCUMENT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{_RELS}">
<Relationship Id="rId1" Type="{_R}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="{_R}/settings" Target="settings.xml"/>
</Relationships>"""

_DOCUMENT = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{_W}" xmlns:r="{_R}"><w:body><w:sectPr/></w:body></w:document>"""

# Children in the schema's order (CT_Settings), which Word enforces. The footnotePr names the two
# separator notes; compatibilityMode 15 keeps Word from opening the file in compatibility mode.
_SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{_W}">
<w:zoom w:percent="100"/>
<w:defaultTabStop w:val="720"/>
<w:evenAndOddHeaders/>
<w:characterSpacingControl w:val="doNotCompress"/>
<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>
<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
</w:settings>"""


def new_document(styles_xml: bytes) -> Document:
    """A python-docx Document over an empty body, with these styles and unpress's settings."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _PACKAGE_RELS)
        archive.writestr("word/_rels/document.xml.rels", _DOCUMENT_RELS)
        archive.writestr("word/document.xml", _DOCUMENT)
        archive.writestr("word/styles.xml", styles_xml)
        archive.writestr("word/settings.xml", _SETTINGS)
    return docx.Document(data)


_ZIP_FIRST, _ZIP_LAST = datetime.datetime(1980, 1, 1), datetime.datetime(2107, 12, 31, 23, 59, 58)


def package_bytes(document: Document, timestamp: datetime.datetime) -> bytes:
    """The saved document, rezipped with every entry dated `timestamp`, so that the same content
    gives the same bytes (python-docx dates each entry with the clock)."""
    saved = io.BytesIO()
    document.save(saved)
    # Zip dates run from 1980 to 2107 and carry no time zone: the UTC time is written as it reads,
    # held inside that range (a document dated 1946 or 2108 still packs).
    when = min(max(timestamp.astimezone(datetime.timezone.utc).replace(tzinfo=None), _ZIP_FIRST), _ZIP_LAST)
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():  # python-docx's order: [Content_Types].xml first
            info = zipfile.ZipInfo(entry.filename, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, source.read(entry))
    return out.getvalue()
