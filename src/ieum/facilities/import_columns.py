"""The columns an equipment list may have, as ZEUS exports name them, and their values.

ZEUS (the national research-equipment registry) exports Korean headers; people also
write English ones. A header is recognized whatever its spacing, case, hyphens,
underscores or a "*" marking it required. Columns not listed here are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from io import BytesIO

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from ieum.facilities.enums import EquipmentCategory, ResourceKind, ResourceStatus, UseScope


@dataclass(frozen=True)
class Column:
    field: str
    korean: str  # the header of the template, as ZEUS writes it
    english: str
    aliases: tuple[str, ...]
    description: Promise


COLUMNS: tuple[Column, ...] = (
    Column(
        "name_ko",
        "장비명",
        "Korean name",
        ("국문장비명", "장비명(국문)", "한글장비명", "장비명(한글)", "name_ko", "name"),
        gettext_lazy("Required. The name in Korean."),
    ),
    Column(
        "name_en",
        "영문장비명",
        "English name",
        ("장비명(영문)", "영문명", "name_en"),
        gettext_lazy("The name in English."),
    ),
    Column(
        "nfec_number",
        "NFEC 등록번호",
        "NFEC number",
        ("NFEC등록번호", "NFEC 번호", "등록번호", "NFEC", "NFEC no", "NFEC registration number"),
        gettext_lazy(
            "NFEC-YYYY-MM-NNNNNN. A row whose number the cluster already has updates that "
            "resource instead of adding one."
        ),
    ),
    Column(
        "maker",
        "제작사",
        "Maker",
        ("제조사", "제조회사", "제작회사", "manufacturer"),
        gettext_lazy("The maker."),
    ),
    Column("model_name", "모델명", "Model", ("모델", "model name"), gettext_lazy("The model.")),
    Column(
        "category",
        "장비구분",
        "Category",
        ("분류", "장비분류", "표준분류", "장비구분/분류", "classification"),
        gettext_lazy("The group of the national equipment classification; see the values."),
    ),
    Column(
        "kind",
        "자원구분",
        "Kind",
        ("자원종류", "시설구분", "type"),
        gettext_lazy("Equipment unless it says a laboratory, clean room, office and so on."),
    ),
    Column(
        "specifications_ko",
        "주요사양",
        "Korean specifications",
        ("사양", "장비사양", "주요사양및성능", "주요 사양 및 성능", "specifications"),
        gettext_lazy("Specifications and performance, in Korean."),
    ),
    Column(
        "specifications_en",
        "영문사양",
        "English specifications",
        ("주요사양(영문)", "specifications_en"),
        gettext_lazy("Specifications and performance, in English."),
    ),
    Column(
        "location",
        "설치장소",
        "Location",
        ("설치위치", "위치", "설치장소(상세)"),
        gettext_lazy("Building and room."),
    ),
    Column(
        "status",
        "활용상태",
        "Use status",
        ("활용 상태", "장비상태", "status"),
        gettext_lazy("활용 (in use), 유휴 (idle) or 불용 (disused)."),
    ),
    Column(
        "use_scope",
        "사용범위",
        "Use scope",
        ("활용범위", "공동활용범위", "이용범위", "scope", "who may use it"),
        gettext_lazy("공동활용 (open), 회원 (cluster members) or 내부 (internal use only)."),
    ),
    Column(
        "contact_name",
        "담당자",
        "Contact person",
        ("담당자명", "운영담당자", "장비담당자", "contact"),
        gettext_lazy("Who answers questions about it."),
    ),
    Column(
        "contact_email",
        "담당자 이메일",
        "Contact e-mail",
        ("이메일", "담당자 e-mail", "e-mail", "email"),
        gettext_lazy("An e-mail address."),
    ),
    Column(
        "contact_phone",
        "담당자 연락처",
        "Contact phone",
        ("연락처", "전화번호", "담당자 전화번호", "phone"),
        gettext_lazy("A telephone number."),
    ),
    Column(
        "rate_resident",
        "이용료(입주기업)",
        "Hourly rate, resident company",
        ("시간당 이용료(입주기업)", "rate_resident"),
        gettext_lazy("Won per hour, a whole number."),
    ),
    Column(
        "rate_member",
        "이용료(회원기업)",
        "Hourly rate, cluster member",
        ("시간당 이용료(회원기업)", "rate_member"),
        gettext_lazy("Won per hour, a whole number."),
    ),
    Column(
        "rate_external",
        "이용료(외부)",
        "Hourly rate, external",
        ("시간당 이용료(외부)", "이용료(외부기관)", "rate_external"),
        gettext_lazy("Won per hour, a whole number."),
    ),
    Column(
        "rate_academic",
        "이용료(대학·연구소)",
        "Hourly rate, university",
        ("시간당 이용료(대학·연구소)", "이용료(대학)", "rate_academic"),
        gettext_lazy("Won per hour, a whole number."),
    ),
)


def normalize_header(text) -> str:
    """A header as compared: without spaces, case, hyphens, underscores, dots or "*"."""
    text = str(text or "").replace("（", "(").replace("）", ")").replace("ㆍ", "·")
    return re.sub(r"[\s*_\-.]", "", text).lower()


HEADERS: dict[str, Column] = {}
for _column in COLUMNS:
    for _name in (_column.korean, _column.english, _column.field, *_column.aliases):
        HEADERS[normalize_header(_name)] = _column


# Words in a cell and the value they stand for, tried in order: the first that the cell
# contains wins ("화학/생화학분석장비" is analysis, "광학/전자영상장비" imaging).
CATEGORY_WORDS = (
    ("영상", "imaging"),
    ("광학", "imaging"),
    ("현미경", "imaging"),
    ("imaging", "imaging"),
    ("분석", "analysis"),
    ("analysis", "analysis"),
    ("측정", "measurement"),
    ("계측", "measurement"),
    ("measurement", "measurement"),
    ("시험", "testing"),
    ("평가", "testing"),
    ("testing", "testing"),
    ("생물", "bio_medical"),
    ("바이오", "bio_medical"),
    ("의료", "bio_medical"),
    ("bio", "bio_medical"),
    ("medical", "bio_medical"),
    ("가공", "processing"),
    ("생산", "processing"),
    ("제작", "processing"),
    ("processing", "processing"),
    ("환경", "environment"),
    ("안전", "environment"),
    ("environment", "environment"),
    ("공간", "space"),
    ("space", "space"),
    ("기타", "other"),
    ("other", "other"),
)
STATUS_WORDS = (
    ("불용", "disused"),
    ("disused", "disused"),
    ("유휴", "idle"),
    ("idle", "idle"),
    ("활용", "in_use"),
    ("사용중", "in_use"),
    ("inuse", "in_use"),
)
USE_SCOPE_WORDS = (
    ("불가", "internal"),
    ("내부", "internal"),
    ("단독", "internal"),
    ("internal", "internal"),
    ("회원", "members"),
    ("클러스터", "members"),
    ("members", "members"),
    ("공동", "open"),
    ("외부", "open"),
    ("개방", "open"),
    ("open", "open"),
)
KIND_WORDS = (
    ("클린룸", "clean_room"),
    ("cleanroom", "clean_room"),
    ("동물", "animal_facility"),
    ("animal", "animal_facility"),
    ("파일럿", "pilot_plant"),
    ("시생산", "pilot_plant"),
    ("pilot", "pilot_plant"),
    ("회의실", "meeting_room"),
    ("meeting", "meeting_room"),
    ("사무", "office"),
    ("office", "office"),
    ("실험실", "lab"),
    ("연구실", "lab"),
    ("lab", "lab"),
    ("장비", "equipment"),
    ("기기", "equipment"),
    ("equipment", "equipment"),
)
WORDS = {
    "category": (CATEGORY_WORDS, EquipmentCategory),
    "status": (STATUS_WORDS, ResourceStatus),
    "use_scope": (USE_SCOPE_WORDS, UseScope),
    "kind": (KIND_WORDS, ResourceKind),
}


def choice_for(field: str, text: str) -> str | None:
    """The stored value a cell of a choice column stands for, or None."""
    words, choices = WORDS[field]
    cell = normalize_header(text)
    if cell in choices.values:
        return cell
    for value, label in choices.choices:
        if cell == normalize_header(label):
            return value
    for word, value in words:
        if word in cell:
            return value
    return None


def accepted_values(field: str) -> str:
    """The values of a choice column, for messages and the guide."""
    _words, choices = WORDS[field]
    return ", ".join(f"{value} ({label})" for value, label in choices.choices)


def template_workbook() -> bytes:
    """An empty equipment list with the expected headers, and a sheet that explains them."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Equipment")
    sheet.append([column.korean for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(
            14, 2 * len(column.korean) + 4
        )
    sheet.freeze_panes = "A2"
    guide = workbook.create_sheet(_("Guide"))
    guide.append([_("Column"), _("Also accepted"), _("What to write")])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        described = str(column.description)
        if column.field in WORDS:
            described += " " + _("Values: %(values)s.") % {"values": accepted_values(column.field)}
        guide.append([column.korean, ", ".join((column.english, *column.aliases)), described])
    guide.append([])
    guide.append(
        [
            _(
                "The first sheet is read. Rows are checked all together: when one is wrong, "
                "nothing is imported and each problem is listed with its row and column. "
                "An empty cell leaves the current value; new resources open on weekdays "
                "09:00–18:00 until their opening hours are set."
            )
        ]
    )
    for letter, width in (("A", 22), ("B", 48), ("C", 90)):
        guide.column_dimensions[letter].width = width
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()
