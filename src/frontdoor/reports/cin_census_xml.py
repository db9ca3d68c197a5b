"""The children in need census as the DfE's XML (`Message`, in the element order of CIN_schema_2026.xsd), and its
check against the schema. Pure but for lxml: records in, bytes out."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from lxml import etree

from frontdoor.missing.returns_rows import CollectionYear
from frontdoor.reports.cin_census_rows import UPN, CensusRecord

SCHEMA = Path(__file__).resolve().parent / "schemas" / "CIN_schema_2026.xsd"
FALSE = "0"  # the schema's yes-no is 0 or 1


def _add(parent: etree._Element, name: str, value: str | date | None = None) -> etree._Element:
    element = etree.SubElement(parent, name)
    if isinstance(value, date):
        element.text = value.isoformat()
    elif value is not None:
        element.text = value
    return element


def _child(children: etree._Element, record: CensusRecord) -> None:
    child, episode = record.child, record.episode
    node = _add(children, "Child")
    ids = _add(node, "ChildIdentifiers")
    _add(ids, "LAchildID", child.child_id)
    if record.upn:
        _add(ids, "UPN", record.upn)
    if child.former_upn and UPN.fullmatch(child.former_upn):
        _add(ids, "FormerUPN", child.former_upn)
    if record.upn_unknown:
        _add(ids, "UPNunknown", record.upn_unknown)
    if child.unborn or child.date_of_birth is None:
        _add(ids, "ExpectedPersonBirthDate", child.expected_date_of_delivery)
    else:
        _add(ids, "PersonBirthDate", child.date_of_birth)
    _add(ids, "Sex", "U" if child.unborn else child.sex)
    if child.date_of_death is not None:
        _add(ids, "PersonDeathDate", child.date_of_death)
    characteristics = _add(node, "ChildCharacteristics")
    _add(characteristics, "Ethnicity", record.ethnicity)
    disabilities = _add(characteristics, "Disabilities")
    for code in child.disabilities:
        _add(disabilities, "Disability", code)
    details = _add(node, "CINdetails")
    _add(details, "CINreferralDate", episode.referral_date)
    _add(details, "ReferralSource", episode.source)
    _add(details, "PrimaryNeedCode", "N0")
    for enquiry in episode.enquiries:
        s47 = _add(details, "Section47")
        _add(s47, "S47ActualStartDate", enquiry.started_on)
        _add(s47, "InitialCPCtarget", enquiry.target)
        if enquiry.conference_on is not None:
            _add(s47, "DateOfInitialCPC", enquiry.conference_on)
        _add(s47, "ICPCnotRequired", FALSE)
    _add(details, "ReferralNFA", FALSE)
    for plan in episode.plans:
        cpp = _add(details, "ChildProtectionPlans")
        _add(cpp, "CPPstartDate", plan.start)
        _add(cpp, "InitialCategoryOfAbuse", plan.category)
        _add(cpp, "LatestCategoryOfAbuse", plan.category)
        _add(cpp, "NumberOfPreviousCPP", str(plan.previous))


def census_xml(
    records: Iterable[CensusRecord], year: CollectionYear, *, la_code: str, release: str, made_at: datetime
) -> bytes:
    """The census's Message: its header (collection, year, reference date, the council) and a Child per record."""
    message = etree.Element("Message")
    header = _add(message, "Header")
    collection = _add(header, "CollectionDetails")
    _add(collection, "Collection", "CIN")
    _add(collection, "Year", str(year.ending))
    _add(collection, "ReferenceDate", year.end)
    source = _add(header, "Source")
    _add(source, "SourceLevel", "L")
    _add(source, "LEA", la_code)
    _add(source, "SoftwareCode", "frontdoor")
    _add(source, "Release", release)
    _add(source, "SerialNo", "001")
    _add(source, "DateTime", made_at.replace(microsecond=0, tzinfo=None).isoformat())
    children = _add(message, "Children")
    for record in records:
        _child(children, record)
    return etree.tostring(message, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def schema_errors(xml: bytes, schema: Path = SCHEMA) -> list[str]:
    """What the DfE's schema finds wrong with the XML, one line each (line number and message); [] when valid."""
    checker = etree.XMLSchema(etree.parse(str(schema)))
    document = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    if checker.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in checker.error_log]
