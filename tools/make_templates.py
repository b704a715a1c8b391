"""Scaffold the first versions of the Word templates in ``resolutions/``.

The .docx files are the source of truth: clerks and lawyers edit them in Word. This
script only records how the first versions (styles, page-number fields, tags) were
made, so they can be rebuilt from scratch. It refuses to overwrite a template unless
``--force`` is given, because that would throw away edits made in Word.

Usage: python tools/make_templates.py [--force]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches, Pt, RGBColor
from docx.table import Table

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resolutions"
FONT = "Times New Roman"


def base_document() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Inches(1))
    section.top_margin, section.bottom_margin = Inches(1), Inches(0.9)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(8)
    normal.paragraph_format.line_spacing = 1.1
    for name, size in (("Title", 14), ("Heading 1", 12), ("Heading 2", 12)):
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
            rpr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if fonts.get(qn(theme)) is not None:
                del fonts.attrib[qn(theme)]
        style.paragraph_format.space_before = Pt(12 if name != "Title" else 0)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    title = styles["Title"]
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # The built-in Title style draws a blue rule under the text; a resolution has none.
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    title.font.all_caps = False
    title.element.get_or_add_rPr()
    spacing = title.element.rPr.find(qn("w:spacing"))
    if spacing is not None:
        title.element.rPr.remove(spacing)

    def paragraph_style(
        name: str,
        *,
        indent: float = 0,
        first: float = 0,
        bold: bool = False,
        align: WD_ALIGN_PARAGRAPH | None = None,
        keep: bool = False,
        after: int = 8,
    ) -> None:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.bold = bold
        fmt = style.paragraph_format
        fmt.left_indent = Inches(indent)
        fmt.first_line_indent = Inches(first)
        fmt.space_after = Pt(after)
        fmt.keep_with_next = keep
        if align is not None:
            fmt.alignment = align

    paragraph_style("Caption Line", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, after=2, keep=True)
    paragraph_style("Recital", first=0.5, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph_style("Resolved", indent=0.5, first=-0.5, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph_style("Body Text Justified", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph_style("Lettered", indent=0.5, first=-0.35, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph_style("Definition", indent=0.35, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    # Lists of citations and clause names: left-aligned, since a justified short line
    # with a long name in it spreads its words across the page.
    paragraph_style("List Item", indent=0.35)
    paragraph_style("Signature Line", after=0, keep=True)
    paragraph_style("Fill Line", after=6, keep=True)
    paragraph_style("Draft Mark", align=WD_ALIGN_PARAGRAPH.RIGHT, bold=True, after=0)
    paragraph_style("Page Footer", align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    paragraph_style("Notice", align=WD_ALIGN_PARAGRAPH.CENTER, after=10)
    styles["Notice"].font.italic = True
    styles["Notice"].font.color.rgb = RGBColor(0xA0, 0x00, 0x00)
    styles["Draft Mark"].font.color.rgb = RGBColor(0xA0, 0x00, 0x00)
    styles["Draft Mark"].font.size = Pt(10)
    styles["Page Footer"].font.size = Pt(9)
    numbered = styles["List Number"]
    numbered.font.name = FONT
    numbered.paragraph_format.space_after = Pt(8)
    numbered.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    # List styles suppress spacing between items ("contextual spacing"); numbered
    # RESOLVED paragraphs read better with the same space as any other paragraph.
    for spacing in numbered.element.get_or_add_pPr().findall(qn("w:contextualSpacing")):
        spacing.getparent().remove(spacing)
    return doc


def notice(doc: Document) -> None:
    """A visible note when a draft was built from registry defaults, not a profile."""
    doc.add_paragraph("{%p if draft.notice %}")
    doc.add_paragraph("{{ draft.notice }}", style="Notice")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if draft.review_notice %}")
    doc.add_paragraph("{{ draft.review_notice }}", style="Notice")
    doc.add_paragraph("{%p endif %}")


def add_field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when shown."""
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>'))
    run = paragraph.add_run()
    run._r.append(
        parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> {instruction} </w:instrText>')
    )
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>'))
    paragraph.add_run("1")
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))


def header_and_footer(doc: Document, footer_prefix: str) -> None:
    section = doc.sections[0]
    header = section.header
    first = header.paragraphs[0]
    first.text = "{%p if not draft.final %}"
    header.add_paragraph("{{ draft.label }}", style="Draft Mark")
    header.add_paragraph("{%p endif %}")
    footer = section.footer
    para = footer.paragraphs[0]
    para.style = doc.styles["Page Footer"]
    para.add_run(footer_prefix + "Page ")
    add_field(para, "PAGE")
    para.add_run(" of ")
    add_field(para, "NUMPAGES")


def no_borders(table) -> None:
    borders = parse_xml(
        f"<w:tblBorders {nsdecls('w')}>"
        + "".join(
            f'<w:{side} w:val="nil"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + "</w:tblBorders>"
    )
    table._tbl.tblPr.append(borders)


# --------------------------------------------------------------------- shared pieces

EXCHANGE = (
    "sending, receiving, requesting, maintaining or exchanging of information regarding "
    "citizenship or immigration status"
)
SAVINGS = (
    "Savings for federal law. Nothing in this {what} limits {exchange}, to the extent "
    "8 U.S.C. § 1373 or § 1644 protects it. No one shall be "
    "required to record, report or obtain review of, or be disciplined for, an exchange this "
    "provision protects, except that its date and the requesting office may be recorded."
)
MEMBERS_EXCHANGE = "any official's, employee's or Member's " + EXCHANGE
# The town's own policy names the municipality and the defined term whole: a possessive
# "Municipal official's or employee's" would split the term, and 8 U.S.C. § 1373 protects
# the municipality's own exchanges as well as its officials' (fifth counsel review
# 2026-12-01, finding 6).
MUNICIPAL_EXCHANGE = (
    "the " + EXCHANGE + ", by the {{ town.legal_name }} or by any Municipal official or employee"
)
CEILING = (
    "Statewide model policy. Nothing in this {what} permits any communication with, or "
    "involvement of, Federal immigration authorities beyond what the statewide model policy "
    "permits, as 20 V.S.A. § 2366(a)(1) requires. Every component of the statewide model "
    "policy that this {what} does not make more protective stays in force."
)
EMERGENCY = (
    "Emergency provision. Nothing in this {what} prevents {actor} from acting under Vermont "
    "law, or from calling for help, to meet an imminent threat of physical injury to any "
    "person. Such action is taken to meet the threat alone; it does not permit holding, "
    "transferring or delaying the release of any person, or disclosing information, for Civil "
    "immigration enforcement."
)
CONFLICT = (
    "Conflicts and severability. If a provision of this {what} conflicts with a Vermont or "
    "federal statute or with an order of a court, the statute or order governs to the extent "
    "of the conflict. If a court holds any provision invalid, the remaining provisions "
    "continue in effect."
)
STATUTE_RECITAL = (
    "WHEREAS, 20 V.S.A. § 2366(a)(1) requires every State, county and municipal law "
    "enforcement agency in Vermont, and each constable exercising law enforcement "
    "authority under 24 V.S.A. § 1936a, to adopt a fair and impartial policing policy that "
    "includes each component of the Vermont Criminal Justice Council's model policy, and lets "
    "each of them add restrictions on communication and involvement with federal immigration "
    "authorities, but not allow more of either than the model permits; and"
)
# Where the set carries a town policy, the same recital says what § 2366 does not reach,
# so the statute is recited once (third counsel review 2026-12-01, S5).
STATUTE_RECITAL_TOWN = STATUTE_RECITAL.replace(
    "model permits; and",
    "model permits{% if policy_sections %}; that requirement does not reach the {{ town.kind }}'s "
    "other officers, employees and contractors or its money, property and records"
    "{% endif %}; and",
)
TRUST_RECITAL = (
    "WHEREAS, residents who can contact the police without fear that the contact will lead "
    "to immigration consequences for themselves or their families are more likely to report "
    "crimes, come forward as witnesses and seek help, which makes the {{ town.legal_name }} "
    "safer for everyone;"
)
SEVERABILITY = (
    "If any provision of this resolution is held invalid, the remaining provisions continue "
    "in effect."
)


def caption(doc: Document, title: str, subtitle: str) -> None:
    p = doc.add_paragraph
    p("{{ town.legal_name|upper }}", style="Caption Line")
    p("{{ body.name|upper }}", style="Caption Line")
    p(title, style="Title")
    p("Resolution No. ____________", style="Caption Line")
    p(subtitle, style="Caption Line").paragraph_format.space_after = Pt(14)
    notice(doc)
    p("{%p if sponsor_line %}")
    p("{{ sponsor_line }}", style="Body Text Justified")
    p("{%p endif %}")


def clause_recitals(doc: Document) -> None:
    p = doc.add_paragraph
    p("{%p for r in recitals %}")
    p("WHEREAS, {{ r }}", style="Recital")
    p("{%p endfor %}")
    p(TRUST_RECITAL, style="Recital")


def now_therefore(doc: Document) -> None:
    doc.add_paragraph(
        "NOW, THEREFORE, BE IT RESOLVED by the {{ body.name }} of the {{ town.legal_name }} "
        "as follows:",
        style="Body Text Justified",
    ).paragraph_format.keep_with_next = True


def adoption_and_signatures(doc: Document, attachments: str) -> None:
    """The effective-date line, the vote line, the signature and attestation block, and
    the line listing what is attached: the end of every resolution."""
    p = doc.add_paragraph
    p("This resolution shall take effect upon adoption.", style="Body Text Justified")
    adopted = p(
        "Adopted by the {{ body.name }} of the {{ town.legal_name }} on "
        "____________________, 20____, by a vote of ____ in favor, ____ opposed, "
        "____ abstaining and ____ absent.",
        style="Fill Line",
    )
    adopted.paragraph_format.space_before = Pt(12)
    adopted.paragraph_format.keep_with_next = True
    signature_table(
        doc,
        [
            ("\n\n______________________________", "\n\nAttest: ______________________________"),
            ("{{ body.presiding_officer_title }}", "{{ body.clerk_title }}"),
            ("{{ town.legal_name }}", "{{ town.legal_name }}"),
        ],
    )
    note = p(attachments, style="Body Text Justified")
    note.paragraph_format.space_before = Pt(18)


def signature_table(doc: Document, cells: list[tuple[str, str]]) -> Table:
    table = doc.add_table(rows=len(cells), cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table)
    for row, (left, right) in zip(table.rows, cells, strict=True):
        row.cells[0].paragraphs[0].text = left
        row.cells[1].paragraphs[0].text = right
        for cell in row.cells:
            cell.paragraphs[0].style = doc.styles["Signature Line"]
    return table


def definitions(doc: Document, intro: str, loop: str = "definitions") -> None:
    p = doc.add_paragraph
    p(intro, style="Body Text Justified")
    p(f"{{%p for d in {loop} %}}")
    p("\u201c{{ d.term }}\u201d means {{ d.definition }}", style="Definition")
    p("{%p endfor %}")


def sections(doc: Document, loop: str = "sections") -> None:
    p = doc.add_paragraph
    p(f"{{%p for s in {loop} %}}")
    p("{{ s.number }} {{ s.heading }}", style="Heading 2")
    p("{%p for para in s.paragraphs %}")
    p("{{ para.label }}\t{{ para.text }}", style="Lettered")
    p("{%p endfor %}")
    p("{%p endfor %}")


def law_lists(doc: Document, authority_heading: str, related_heading: str, style: str) -> None:
    p = doc.add_paragraph
    p(authority_heading, style=style)
    p("{%p for c in authorities %}")
    p("{{ c }}", style="List Item")
    p("{%p endfor %}")
    p("{%p if related_law %}")
    p(related_heading, style=style)
    p("This document is written to be consistent with:", style="Body Text Justified")
    p("{%p for c in related_law %}")
    p("{{ c }}", style="List Item")
    p("{%p endfor %}")
    p("{%p endif %}")


def protections_consistency(doc: Document, what: str) -> None:
    """The closing section of a set of protections: it stands alone, so a sheriff, the
    State Police or a constable can adopt the exhibit without the resolution."""
    p = doc.add_paragraph
    p("{{ closing_number }} Consistency with law", style="Heading 2")
    p(
        "(a)\t" + SAVINGS.format(what=what, exchange=MEMBERS_EXCHANGE),
        style="Lettered",
    )
    p("(b)\t" + CEILING.format(what=what), style="Lettered")
    p("(c)\t" + EMERGENCY.format(what=what, actor="a Member"), style="Lettered")
    p("(d)\t" + CONFLICT.format(what=what), style="Lettered")


def policy_consistency(doc: Document) -> None:
    """The closing section of the town's own policy. 20 V.S.A. § 2366 governs law
    enforcement, not town offices, so the statewide model is no ceiling here."""
    p = doc.add_paragraph
    p("{{ policy_closing_number }} Consistency with law", style="Heading 2")
    p(
        "(a)\t" + SAVINGS.format(what="policy", exchange=MUNICIPAL_EXCHANGE),
        style="Lettered",
    )
    p(
        "(b)\t"
        + EMERGENCY.format(what="policy", actor="a Municipal official or employee").replace(
            "acting under Vermont law, or from calling for help,",
            "calling for help, or acting under Vermont law,",
        ),
        style="Lettered",
    )
    p("(c)\t" + CONFLICT.format(what="policy"), style="Lettered")


EXHIBIT_EFFECTIVE = "This Exhibit takes effect 30 days after the Agency adopts it."
"""A requested exhibit binds only once adopted, so duties due before it takes effect need
a date after adoption (second counsel review 2026-12-01, S3)."""


def exhibit(doc: Document, letter: str, title: str, intro: str) -> None:
    """The protections asked of a sheriff, the State Police or the town's constables,
    complete in themselves: definitions, sections, consistency section, authorities."""
    heading = doc.add_paragraph(f"EXHIBIT {letter}", style="Title")
    heading.paragraph_format.page_break_before = True
    doc.add_paragraph(title, style="Caption Line").paragraph_format.space_after = Pt(14)
    doc.add_paragraph(intro, style="Body Text Justified")
    doc.add_paragraph(f"{letter}.0 Definitions", style="Heading 2")
    definitions(doc, "In this Exhibit:")
    sections(doc)
    protections_consistency(doc, "Exhibit")
    law_lists(doc, "Legal authority", "Related federal law", "Heading 2")


def town_policy_exhibit(doc: Document, letter: str, scope: str = "") -> None:
    """The town's own policy for its officials and employees, complete in itself.
    ``scope`` is a sentence added to its opening paragraph."""
    p = doc.add_paragraph
    p("{%p if policy_sections %}")
    heading = p(f"EXHIBIT {letter}", style="Title")
    heading.paragraph_format.page_break_before = True
    p("Policy of the {{ town.legal_name }} for Its Officials and Employees", style="Caption Line")
    p(
        "The {{ body.name }} adopts the following policy. It directs every official or "
        "employee whom the {{ body.name }} appoints or employs, and every volunteer serving "
        "under them, to follow it; it requests every elected official of the {{ town.kind }}, whom the "
        "{{ body.name }} cannot direct, to follow it in that official's own work, and every "
        "other {{ town.kind }} board or commission, such as library trustees or cemetery "
        "commissioners, to have its own officials, employees and volunteers follow it; and "
        "every contract the {{ town.legal_name }} makes or renews after this policy "
        "is adopted, under which a contractor acts for the {{ town.kind }}, shall require the contractor "
        "to follow it." + scope,
        style="Body Text Justified",
    )
    p(f"{letter}.0 Definitions", style="Heading 2")
    definitions(doc, "In this policy:", "policy_definitions")
    p("{%p endif %}")
    sections(doc, "policy_sections")
    p("{%p if policy_sections %}")
    policy_consistency(doc)
    p("{%p endif %}")


def exhibit_governs(doc: Document, letter: str) -> None:
    doc.add_paragraph(
        f"The text of Exhibit {letter} governs. This resolution does not restate, add to or "
        f"narrow any rule of Exhibit {letter}; capitalized terms in this resolution have the "
        f"meanings Exhibit {letter} gives them.",
        style="List Number",
    )


def redress_designation(doc: Document) -> None:
    """Who receives complaints outside the agency until the body designates someone else
    (counsel review 2026-12-01, OR2): the door must exist on the day of adoption."""
    p = doc.add_paragraph
    p("{%p if outside_redress and agency.run_by %}")
    p(
        "The {{ body.presiding_officer }} shall forward any "
        "complaint under Exhibit A's section on complaints outside the Agency that the "
        "{{ body.name }} receives, within five business days, to the person that section "
        "names, and shall send a copy to the {{ body.clerk_title }} as the "
        "{{ town.legal_name }}'s records custodian, who keeps it for as long as the State's "
        "records retention schedule provides.",
        style="List Number",
    )
    p("{%p elif outside_redress %}")
    p(
        "Until the {{ body.name }} designates in writing another person who is not a Member "
        "of the Agency, {% if agency.approving_body %}the {{ agency.approving_body }}"
        "{% else %}the {{ body.presiding_officer }}{% endif %} "
        "receives the complaints that Exhibit A's section on complaints outside the Agency "
        "allows, and the {{ body.name }} reviews their handling on request as that section "
        "provides.",
        style="List Number",
    )
    p("{%p endif %}")


GRANT_ASK_OWN = (
    "Before the vote, ask the finance office which federal law enforcement grants or "
    "subawards the {{ agency.name }} receives and whether their conditions require either, "
)
# A town's finance office cannot know what a sheriff or the State Police receive, so the
# town asks the agency itself (third counsel review 2026-12-01, S4).
GRANT_ASK_AGENCY = (
    "Before the vote, ask the {{ agency.name }} which federal law enforcement grants or "
    "subawards it receives carry conditions that require either, "
)


# Constables are several people, and any grant runs through the town (fourth counsel
# review 2026-12-01).
GRANT_ASK_CONSTABLES = (
    "Before the vote, ask the finance office and the constables which federal law "
    "enforcement grants or subawards the {{ town.kind }} or its constables receive, and whether their "
    "conditions require either, "
)


def grant_note(doc: Document, ask: str = GRANT_ASK_OWN, extra: str = "") -> None:
    """Federal grant exposure, told to the body before it votes (second counsel review
    2026-12-01, S7): the legal notes said it, but nothing the body sees did.

    Args:
        doc: The template being built.
        ask: Whom the town asks about the agency's grants, ending "…, ".
        extra: A sentence to add after the question, or "".
    """
    p = doc.add_paragraph
    p("{%p if not draft.final %}")
    heading = p("Drafting note: federal grants", style="Heading 2")
    heading.paragraph_format.space_before = Pt(12)
    p(
        "This note is not part of the resolution; delete it before filing. In New York v. "
        "U.S. Department of Justice, 951 F.3d 84 (2d Cir. 2020), the federal appeals court "
        "for Vermont upheld Department of Justice conditions on Byrne JAG grants that require "
        "notice of release dates and access to jails for immigration agents; Exhibit A's "
        "rules on people in custody, where included, forbid both. "
        + ask
        + "so that the {{ body.name }} can weigh that exposure with its counsel. "
        + extra
        + "Exhibit A's limits on "
        "sharing information, where included, also apply in full to criminal cases worked "
        "with Homeland Security Investigations (HSI): a suspect's address cannot go to HSI "
        "without a judge's warrant, a court subpoena, court rule or statute, or the "
        "person's written request.",
        style="Body Text Justified",
    )
    p("{%p endif %}")


def review_note(doc: Document, what: str) -> None:
    """The clauses still awaiting a lawyer's review, named at the end, not on page 1."""
    p = doc.add_paragraph
    p("{%p if draft.unapproved %}")
    heading = p("Drafting note: clauses awaiting review", style="Heading 2")
    heading.paragraph_format.space_before = Pt(24)
    p(
        f"This note is not part of the {what}; delete it before filing. A reviewing lawyer has "
        "not yet approved the current text of the following clauses (the draft's manifest "
        "records the same list):",
        style="Body Text Justified",
    )
    p("{%p for u in draft.unapproved %}")
    p("{{ u }}", style="List Item")
    p("{%p endfor %}")
    p("{%p endif %}")


# ----------------------------------------------------------------------- templates


def resolution() -> Document:
    """Own police department: the body directs or requests adoption of the directive."""
    doc = base_document()
    header_and_footer(doc, "{{ town.legal_name }} \u2014 Resolution \u2014 ")
    p = doc.add_paragraph
    caption(
        doc,
        "RESOLUTION",
        "Relating to Fair and Impartial Policing and Limits on Participation in Federal Civil "
        "Immigration Enforcement",
    )
    p(STATUTE_RECITAL, style="Recital")
    p(
        "WHEREAS, the {{ agency.name }} follows a {{ fipp.policy_title }} that includes each "
        "component of the statewide model policy, whose current version took effect on "
        "{{ fipp.model_version }}; and",
        style="Recital",
    )
    p("{%p if agency.run_by %}")
    p(
        "WHEREAS, the {{ agency.name }} is a department of the {{ agency.run_by }}, whose "
        "officials adopt its policies, and it serves the {{ town.legal_name }} as well; and",
        style="Recital",
    )
    p("{%p elif agency.shared_area %}")
    p(
        "WHEREAS, the {{ agency.name }} serves {{ agency.shared_area }}, and the directive "
        "attached to this resolution is drafted as its one directive for that whole area, "
        "which each other municipality it serves is asked to request in the same words; and",
        style="Recital",
    )
    p("{%p endif %}")
    p("{%p for a in fipp.local_amendments %}")
    p("WHEREAS, {{ a.when }}, {{ a.description }}; and", style="Recital")
    p("{%p endfor %}")
    clause_recitals(doc)
    now_therefore(doc)
    p(
        "The {{ body.name }} {{ agency.directs_or_requests }} the {{ agency.addressee }} "
        "to amend the {{ agency.name }}'s {{ fipp.policy_title }} by adopting the directive "
        "attached to this resolution as Exhibit A{% if agency.approving_body %}, and requests "
        "the {{ agency.approving_body }} to approve that amendment{% endif %}.",
        style="List Number",
    )
    # Second counsel review 2026-12-01, M1: a department has one policy, so the
    # requesting municipality attaches the adopting municipality's directive unchanged.
    p("{%p if agency.run_by %}")
    p(
        "Exhibit A is the directive drafted for the {{ agency.run_by_body }}, attached word for "
        "word so that the {{ agency.name }} has one directive for the whole area it serves: "
        "its reports go to the body it names, and complaints outside the Agency go to the "
        "person that body designates. The {{ agency.run_by_body }} acts on Exhibit A by its "
        "own resolution, and the {{ agency.addressee }} adopts it. This resolution is "
        "the {{ body.possessive }} parallel request for the same directive: it does not itself "
        "adopt Exhibit A, and it takes effect on adoption whether or not the "
        "{{ agency.run_by_body }} has acted. The {{ body.name }} requests the "
        "{{ agency.head_title }} to send the {{ body.name }} a copy of each report that "
        "Exhibit A requires.",
        style="List Number",
    )
    p("{%p endif %}")
    exhibit_governs(doc, "A")
    p(
        # Fourth counsel review 2026-12-01, item 5: the list ends, and what Exhibit A keeps
        # in force is its own sentence.
        "Exhibit A addresses: {{ subjects }}. Exhibit A keeps in force every component of the "
        "statewide model policy that it does not make more protective.",
        style="List Number",
    )
    p(
        "The {{ body.name }} {{ agency.directs_or_requests }} the {{ agency.addressee }} "
        "to submit the amended policy to the Vermont Criminal Justice Council and the Attorney "
        "General's Office for review under 20 V.S.A. § 2366(b), and to report to the "
        "{{ body.name }} in writing, within 90 days after this resolution is adopted, on the "
        "policy's adoption, training and implementation. The {{ body.clerk_title }} shall send a "
        "copy of this resolution to the {{ agency.addressee }}"
        "{% if agency.approving_body %} and to the {{ agency.approving_body }}{% endif %}.",
        style="List Number",
    )
    p(
        "Section 6 of Exhibit A (savings for federal law, the statewide model policy, the "
        "emergency provision, conflicts) applies to this resolution as well. " + SEVERABILITY,
        style="List Number",
    )
    redress_designation(doc)
    adoption_and_signatures(
        doc,
        "Attachment: Exhibit A \u2014 {{ agency.directive_series }}, \u201c{{ directive.title }}\u201d",
    )
    # Second counsel review 2026-12-01, S6: the own-police set carries no policy for the
    # town's other staff; the note says so, and town-records' legal note says why.
    p("{%p if not draft.final %}")
    heading = p("Drafting note: the {{ town.kind }}'s own staff", style="Heading 2")
    heading.paragraph_format.space_before = Pt(12)
    p(
        "This note is not part of the resolution; delete it before filing. This resolution "
        "and Exhibit A govern the {{ agency.name }} only. {{ town.word }} offices such as the clerk, "
        "assessor, utilities and public works also hold residents' addresses and schedules. "
        "The {{ body.name }} may adopt a separate policy for the {{ town.legal_name }}'s own "
        "officials and employees, like the one draftkit drafts as an exhibit for municipalities "
        "policed by a sheriff, the State Police or constables; ask the coalition or the "
        "{{ town.kind }}'s counsel for that text.",
        style="Body Text Justified",
    )
    p("{%p endif %}")
    grant_note(doc)
    review_note(doc, "resolution")
    return doc


def directive() -> Document:
    doc = base_document()
    header_and_footer(doc, "{{ agency.name }} \u2014 {{ directive.number }} \u2014 ")
    p = doc.add_paragraph
    p("{{ agency.name|upper }}", style="Caption Line")
    p("{{ agency.directive_series|upper }}", style="Title")
    notice(doc)
    rows = [
        ("Title", "{{ directive.title }}"),
        ("Number", "{{ directive.number }}"),
        (
            "Amends",
            "{{ agency.name }} {{ fipp.policy_title }} (which follows the statewide model "
            "policy effective {{ fipp.model_version }})",
        ),
        (
            "Authority",
            # A shared department's one directive names the resolution of every
            # municipality it serves (fourth counsel review 2026-12-01, item 1).
            "20 V.S.A. § 2366; {% if agency.shared_bodies %}resolutions of "
            "{{ agency.shared_bodies }}{% else %}resolution of the {{ body.name }} of the "
            "{{ town.legal_name }}{% endif %}",
        ),
        (
            "Effective",
            "____________________, 20____ (the date the {{ agency.policy_adopted_by }} sets on "
            "adoption{% if agency.approving_body %} and approval{% endif %}, not earlier than "
            "the day the supervisors designated under the section on Training and supervision "
            "complete that training)",
        ),
        (
            "Adopted by",
            "\n\n______________________________\n{{ agency.policy_adopted_by }}\n\nDate: ____________________",
        ),
    ]
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    widths = (Inches(1.5), Inches(5.0))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row, (label, value) in zip(table.rows, rows, strict=True):
        row.cells[0].width, row.cells[1].width = widths
        row.cells[0].paragraphs[0].add_run(label).bold = True
        row.cells[1].paragraphs[0].text = value
        for cell in row.cells:
            cell.paragraphs[0].paragraph_format.space_after = Pt(2)
    p("{%p if agency.approving_body %}")
    p(
        "Approved by the {{ agency.approving_body }} on ____________________, 20____.",
        style="Fill Line",
    ).paragraph_format.space_before = Pt(8)
    p("{%p endif %}")
    p("1. PURPOSE", style="Heading 1")
    p(
        "This directive amends the {{ agency.name }}'s {{ fipp.policy_title }} by adding the "
        "restrictions on Members' communication and involvement with Federal immigration "
        "authorities that 20 V.S.A. § 2366(a)(1) permits an agency to adopt. Every component "
        "of the statewide model policy remains in force.",
        style="Body Text Justified",
    )
    p("2. POLICY", style="Heading 1")
    p(
        "Federal agencies, not this Agency, enforce federal civil immigration law. The Agency "
        "shall not use its personnel, equipment, facilities, funds or records for Civil "
        "immigration enforcement. Members shall provide every person the same service and "
        "protection regardless of Immigration status. Where this directive and the statewide "
        "model policy differ, the provision that more narrowly limits Members' involvement with "
        "Federal immigration authorities governs.",
        style="Body Text Justified",
    )
    p("3. DEFINITIONS", style="Heading 1")
    definitions(doc, "In this directive, the following terms have the meanings given:")
    p("4. PROCEDURES", style="Heading 1")
    sections(doc)
    p("5. LEGAL AUTHORITY AND RELATED LAW", style="Heading 1")
    law_lists(doc, "5.1 Vermont law", "5.2 Related federal law", "Heading 2")
    p("6. CONSISTENCY WITH STATE AND FEDERAL LAW", style="Heading 1")
    p(
        "6.1\t" + SAVINGS.format(what="directive", exchange=MEMBERS_EXCHANGE),
        style="Lettered",
    )
    p("6.2\t" + CEILING.format(what="directive"), style="Lettered")
    p("6.3\t" + EMERGENCY.format(what="directive", actor="a Member"), style="Lettered")
    p("6.4\t" + CONFLICT.format(what="directive"), style="Lettered")
    review_note(doc, "directive")
    return doc


def sheriff_resolution() -> Document:
    """County sheriff under contract: ask the sheriff; tie the protections to the contract."""
    doc = base_document()
    header_and_footer(doc, "{{ town.legal_name }} \u2014 Resolution \u2014 ")
    p = doc.add_paragraph
    caption(
        doc,
        "RESOLUTION",
        # The title is what the agenda and the minutes show: it names each thing the
        # resolution does, as the other sets' titles do (fifth counsel review 2026-12-01,
        # finding 8).
        "Requesting the {{ agency.name }} to Adopt Limits on Participation in Federal Civil "
        "Immigration Enforcement in the {{ town.legal_name }}{% if policy_sections %}, "
        "Approving an Addendum to the Law Enforcement Services Contract, and Adopting a "
        "Policy for the Officials and Employees of the {{ town.legal_name }}{% else %} and "
        "Approving an Addendum to the Law Enforcement Services Contract{% endif %}",
    )
    p(STATUTE_RECITAL_TOWN, style="Recital")
    p(
        "WHEREAS, the {{ town.legal_name }} receives law enforcement services from the "
        "{{ agency.name }} under a contract, and the {{ body.name }} has no power to amend the "
        "{{ agency.name }}'s own policies, but may ask the {{ agency.head_title }} to adopt "
        "protections and may make them conditions of the services it pays for; and",
        style="Recital",
    )
    clause_recitals(doc)
    now_therefore(doc)
    p(
        "The {{ body.name }} requests the {{ agency.head_title }} to adopt Exhibit A as part of "
        "the {{ agency.name }}'s fair and impartial policing policy, and to apply it to every "
        "service the {{ agency.name }} provides in the {{ town.legal_name }}.",
        style="List Number",
    )
    exhibit_governs(doc, "A")
    p(
        "The {{ body.name }} approves the contract addendum attached as Exhibit B, which makes "
        "Exhibit A a condition of the {{ town.legal_name }}'s law enforcement services contract "
        "with the {{ agency.name }}, and authorizes the {{ body.presiding_officer_title }} to "
        "sign it on behalf of the {{ town.legal_name }} and to propose it to the "
        "{{ agency.head_title }} no later than the contract's next renewal.",
        style="List Number",
    )
    p("{%p if policy_sections %}")
    p(
        "The {{ body.name }} adopts the policy set out in Exhibit C for the officials and "
        "employees of the {{ town.legal_name }}, on the terms its opening paragraph states.",
        style="List Number",
    )
    p("{%p endif %}")
    p(
        "The {{ body.name }} requests the {{ agency.head_title }} to answer this resolution in "
        "writing within 60 days after receiving it, and requests the {{ body.clerk_title }} to "
        "send a copy of this resolution to the {{ agency.head_title }}.",
        style="List Number",
    )
    redress_designation(doc)
    p(SEVERABILITY, style="List Number")
    adoption_and_signatures(
        doc,
        "Attachments: Exhibit A \u2014 Protections requested of the {{ agency.name }}; "
        "Exhibit B \u2014 Contract addendum (separate document)"
        "{% if policy_sections %}; Exhibit C \u2014 {{ town.word }} policy{% endif %}",
    )
    exhibit(
        doc,
        "A",
        "Protections Requested of the {{ agency.name }}",
        "The {{ body.name }} of the {{ town.legal_name }} requests the {{ agency.name }} to adopt "
        "the following protections for all its work in the {{ town.legal_name }}. "
        + EXHIBIT_EFFECTIVE,
    )
    town_policy_exhibit(doc, "C")
    grant_note(
        doc,
        GRANT_ASK_AGENCY,
        "Check also whether the {{ town.legal_name }} passes any federal funds to the "
        "{{ agency.name }} under the contract. ",
    )
    review_note(doc, "resolution")
    return doc


def contract_addendum() -> Document:
    """Exhibit B for a sheriff town: the protections as conditions of the contract."""
    doc = base_document()
    header_and_footer(doc, "{{ town.legal_name }} \u2014 Contract Addendum \u2014 ")
    p = doc.add_paragraph
    p("EXHIBIT B", style="Caption Line")
    p("ADDENDUM TO THE LAW ENFORCEMENT SERVICES CONTRACT", style="Title")
    p("between the {{ town.legal_name }} and the {{ agency.name }}", style="Caption Line")
    notice(doc)
    p("1. PARTIES, CONTRACT AND PURPOSE", style="Heading 1")
    p(
        "This Addendum is made between the {{ town.legal_name }} (the \u201c{{ town.word }}\u201d) and the "
        "{{ agency.name }} (the \u201cAgency\u201d). It amends the contract for law enforcement "
        "services between the {{ town.word }} and the Agency dated ____________________, 20____, for the "
        "term ____________________ [fill in the date and term of the contract being amended] "
        "(the \u201cContract\u201d), by adding the conditions below, which the {{ body.name }} "
        # The body is named once with the municipality it belongs to, then by its name
        # alone (fifth counsel review 2026-12-01, finding 9).
        "of the {{ town.word }} (the \u201c{{ body.name }}\u201d) approved by resolution.",
        style="Body Text Justified",
    )
    p("2. DEFINITIONS", style="Heading 1")
    definitions(doc, "In this Addendum, the following terms have the meanings given:")
    p("3. CONDITIONS OF SERVICE", style="Heading 1")
    p(
        "In providing services under the Contract, the Agency shall comply with the following "
        "conditions.",
        style="Body Text Justified",
    )
    sections(doc)
    p("4. RECORDS AND REPORTS", style="Heading 1")
    p(
        "On the {{ town.word }}'s written request, and at least once a year, the Agency shall give the "
        "{{ body.name }} a written account of how it has met the conditions in Section 3, "
        "including the number of requests it received from Federal immigration authorities for "
        "work in the {{ town.word }} and how it answered them, without disclosing Confidential information.",
        style="Body Text Justified",
    )
    p("5. CONSISTENCY WITH LAW", style="Heading 1")
    p(
        "5.1\t" + SAVINGS.format(what="Addendum", exchange=MEMBERS_EXCHANGE),
        style="Lettered",
    )
    p("5.2\t" + CEILING.format(what="Addendum"), style="Lettered")
    p("5.3\t" + EMERGENCY.format(what="Addendum", actor="a Member"), style="Lettered")
    p("5.4\t" + CONFLICT.format(what="Addendum"), style="Lettered")
    p("6. BREACH", style="Heading 1")
    p(
        "A breach of a condition in Section 3 or 4 is a breach of the Contract. The {{ town.word }} shall "
        "give the Agency written notice of a breach it finds. Within 30 days after the notice, "
        "the Agency shall give the {{ town.word }} a written account of the facts and of the steps it has "
        "taken to correct the breach and prevent it from happening again. If the Agency does not "
        "do so, or if the same condition is breached again within twelve months after the "
        "notice, the {{ town.word }} may, in addition to any other remedy the Contract or the law gives it, "
        "terminate the Contract on 60 days' written notice without penalty.",
        style="Body Text Justified",
    )
    p("7. EFFECT", style="Heading 1")
    p(
        "This Addendum takes effect 30 days after the date the last party signs it, so that "
        "what it requires before it takes effect is done under a signed Contract. Where this "
        "Addendum and "
        "the Contract differ, this Addendum governs. Every other term of the Contract remains in "
        "effect.",
        style="Body Text Justified",
    )
    # Each party's own "For the ...:" line above its own signature, so that neither seems
    # to sign for the other.
    parties = signature_table(
        doc,
        [
            ("For the {{ town.legal_name }}:", "For the {{ agency.name }}:"),
            ("\n\n______________________________", "\n\n______________________________"),
            (
                "{{ body.presiding_officer_title }}, {{ body.name }}",
                "{{ agency.head_title }}, {{ agency.name }}",
            ),
            ("Date: ____________________", "Date: ____________________"),
        ],
    )
    for cell in parties.rows[0].cells:
        cell.paragraphs[0].paragraph_format.space_before = Pt(18)
    review_note(doc, "Addendum")
    return doc


def state_police_resolution() -> Document:
    """State Police only: the town's own policy for its staff, and requests to the State
    Police and the Criminal Justice Council."""
    doc = base_document()
    header_and_footer(doc, "{{ town.legal_name }} \u2014 Resolution \u2014 ")
    p = doc.add_paragraph
    caption(
        doc,
        "RESOLUTION",
        "Adopting a Policy on {{ town.word }} Participation in Federal Civil Immigration Enforcement and "
        "Requesting Protections from the Vermont State Police",
    )
    p(
        "WHEREAS, the {{ town.legal_name }} has no police department of its own and relies on the "
        "{{ agency.name }} for law enforcement; and",
        style="Recital",
    )
    p(STATUTE_RECITAL_TOWN, style="Recital")
    clause_recitals(doc)
    now_therefore(doc)
    p("{%p if policy_sections %}")
    p(
        "The {{ body.name }} adopts the policy set out in Exhibit B for the officials and "
        "employees of the {{ town.legal_name }}, on the terms its opening paragraph states. The "
        "text of Exhibit B governs.",
        style="List Number",
    )
    p("{%p endif %}")
    p(
        "The {{ body.name }} requests the {{ agency.name }} to adopt, for all its work in the "
        "{{ town.legal_name }}, the protections set out in Exhibit A, whose text governs.",
        style="List Number",
    )
    p(
        "The {{ body.name }} requests the Vermont Criminal Justice Council to consider the "
        "protections in Exhibit A at its next review of the statewide model policy under "
        "20 V.S.A. § 2366(a)(2).",
        style="List Number",
    )
    p(
        "The {{ body.name }} requests the {{ body.clerk_title }} to send a copy of this "
        "resolution to the {{ agency.head_title }} and to the Vermont Criminal Justice Council.",
        style="List Number",
    )
    redress_designation(doc)
    p(SEVERABILITY, style="List Number")
    adoption_and_signatures(
        doc,
        "Attachments: Exhibit A \u2014 Protections requested of the {{ agency.name }}"
        "{% if policy_sections %}; Exhibit B \u2014 {{ town.word }} policy{% endif %}",
    )
    exhibit(
        doc,
        "A",
        "Protections Requested of the {{ agency.name }}",
        "The {{ body.name }} of the {{ town.legal_name }} requests the {{ agency.name }} to adopt "
        "the following protections for all its work in the {{ town.legal_name }}. "
        + EXHIBIT_EFFECTIVE,
    )
    town_policy_exhibit(doc, "B")
    grant_note(doc, GRANT_ASK_AGENCY)
    review_note(doc, "resolution")
    return doc


def constables_resolution() -> Document:
    """Constables alone: the protections as the constables' policy, and the town's own
    policy for its officials and employees."""
    doc = base_document()
    header_and_footer(doc, "{{ town.legal_name }} \u2014 Resolution \u2014 ")
    p = doc.add_paragraph
    caption(
        doc,
        "RESOLUTION",
        "Requesting the Constables to Adopt Limits on Participation in Federal Civil "
        "Immigration Enforcement, and Adopting a Policy for the Officials and Employees of the "
        "{{ town.legal_name }}",
    )
    p(
        "WHEREAS, the {{ town.legal_name }} has no police department of its own, and its "
        "constables exercise law enforcement authority under 24 V.S.A. § 1936a; and",
        style="Recital",
    )
    p(STATUTE_RECITAL_TOWN, style="Recital")
    clause_recitals(doc)
    now_therefore(doc)
    p(
        # 20 V.S.A. § 2366(a)(1) puts the duty to adopt on each constable, and constables
        # are elected unless the voters chose otherwise; the board can only ask (CO2).
        "The {{ body.name }} requests each constable of the {{ town.legal_name }} exercising "
        "law enforcement authority under 24 V.S.A. § 1936a to adopt Exhibit A as part "
        "of the constable's fair and impartial policing policy under 20 V.S.A. § 2366(a)(1), "
        "together with every component of the statewide model policy, and to follow it.",
        style="List Number",
    )
    exhibit_governs(doc, "A")
    p("{%p if policy_sections %}")
    p(
        "The {{ body.name }} adopts the policy set out in Exhibit B for the officials and "
        "employees of the {{ town.legal_name }}, on the terms its opening paragraph states. The "
        "text of Exhibit B governs.",
        style="List Number",
    )
    p("{%p endif %}")
    p(
        "The {{ body.name }} requests each such constable to answer this resolution in writing "
        "within 60 days after receiving it, and requests the {{ body.clerk_title }} to send a "
        "copy of this resolution to each constable of the {{ town.legal_name }}.",
        style="List Number",
    )
    redress_designation(doc)
    p(SEVERABILITY, style="List Number")
    adoption_and_signatures(
        doc,
        "Attachments: Exhibit A \u2014 Limits for the constables of the {{ town.legal_name }}"
        "{% if policy_sections %}; Exhibit B \u2014 {{ town.word }} policy{% endif %}",
    )
    exhibit(
        doc,
        "A",
        "Limits on Participation in Federal Civil Immigration Enforcement for the Constables "
        "of the {{ town.legal_name }}",
        "These limits apply to each constable of the {{ town.legal_name }} exercising law "
        "enforcement authority under 24 V.S.A. § 1936a who adopts them, and to every person "
        "acting for such a constable, in all their law enforcement work. Each constable is "
        "answerable for his or her own compliance with them. Where this Exhibit gives a duty "
        "to the {{ agency.head_title }}, each constable carries out that duty for his or her "
        "own work and that of every person acting for the constable. This Exhibit takes effect for each constable 30 days after that constable "
        "adopts it.",
    )
    # The constables are Town officials too; without this sentence both exhibits would
    # bind them and conflict (counsel review 2026-12-01, CO1).
    town_policy_exhibit(
        doc,
        "B",
        " This policy does not apply to a constable's law enforcement work, which "
        "Exhibit A governs.",
    )
    grant_note(doc, GRANT_ASK_CONSTABLES)
    review_note(doc, "resolution")
    return doc


TEMPLATES = {
    "council-resolution.docx": resolution,
    "police-directive.docx": directive,
    "sheriff-resolution.docx": sheriff_resolution,
    "contract-addendum.docx": contract_addendum,
    "state-police-resolution.docx": state_police_resolution,
    "constables-resolution.docx": constables_resolution,
}


NBSP = "\u00a0"


def keep_citations_together(doc: Document) -> None:
    """'20 V.S.A. § 2366' must not break after '§' or 'V.S.A.' at a line end."""
    paragraphs = list(doc.paragraphs)
    for table in doc.tables:
        paragraphs += [p for row in table.rows for cell in row.cells for p in cell.paragraphs]
    for paragraph in paragraphs:
        for run in paragraph.runs:
            text = run.text
            for mark in ("§§ ", "§ ", "V.S.A. ", "U.S.C. ", "C.F.R. "):
                text = text.replace(mark, mark[:-1] + NBSP)
            text = re.sub(r"\b(\d+) (V\.S\.A\.|U\.S\.C\.|C\.F\.R\.)", "\\1" + NBSP + "\\2", text)
            run.text = text


def main(argv: list[str]) -> int:
    force = "--force" in argv
    OUT.mkdir(exist_ok=True)
    for name, build in TEMPLATES.items():
        target = OUT / name
        if target.exists() and not force:
            print(f"{target} exists; not overwritten (use --force to rebuild it)")
            continue
        document = build()
        keep_citations_together(document)
        document.save(target)
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
