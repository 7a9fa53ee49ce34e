"""Deterministic synthetic catalogues for the Katalog benchmark.

`generate(repo, root, entries, seed)` writes a complete Katalog root (site_config/, mkdocs.yml,
content/, catalogue/) whose entries all pass `katalog check`. `write_baseline(...)` writes the same
Markdown as plain MkDocs + Material pages (tags from themes + tags) for the baseline build.

Standard library and PyYAML only. Run it alone with:
    python benchmarks/generate.py --entries 1000 --seed 1 --out DIR
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from common import copy_site_config

from katalog.core.slugs import slugify  # generated ids must be Katalog's own slugs

SHARES = {"initiative": 0.45, "case": 0.30, "unit": 0.20, "article": 0.05}
FOLDERS = {
    "initiative": "catalogue/initiatives",
    "case": "catalogue/cases",
    "unit": "catalogue/units",
    "article": "content/vidensbank",
}
# Where each type's pages land in the built site (schema.yml `url`; articles keep their content/ path).


def _words(text: str) -> list[str]:
    return text.split()


SITE_FOLDERS = {"initiative": "initiativer", "case": "cases", "unit": "enheder", "article": "vidensbank"}

WORDS = _words("""
og i at det er en til på som med for af den ikke har de vi kan der om var så men også et fra
skal blev når eller hvor være ved meget alle andre efter mere nu kun deres vores her hvad
kommune kommunen borgere borgerne medarbejdere lederne fællesskab fællesskabet samskabelse indsats
indsatsen projekt projektet forløb forløbet erfaring erfaringer viden læring ansvar ressourcer
lokalsamfund lokalsamfundet forening foreningen frivillige frivillighed dialog møde møder netværk
netværket idé idéer løsning løsninger opgave opgaver rammer rolle roller tillid samarbejde
samarbejdet skole skolen institution institutionen område området by byen landsby landsbyen
plan planen proces processen mål målet resultat resultater forandring udvikling udviklingen
hverdag hverdagen tid uge måned år ny nye god gode stor store lille små lokal lokale fælles
åben åbne konkret konkrete tæt tætte enkel enkle vigtig vigtige tydelig tydelige bedre bedst
arbejde arbejder arbejdede skabe skaber skabte bruge bruger brugte finde finder fandt give giver
gav tage tager tog lære lærer lærte dele deler delte starte starter startede prøve prøver prøvede
mødes mødtes hjælpe hjælper hjalp inddrage inddrager inddrog samle samler samlede løfte løfter
undervejs sammen hinanden tværs bagefter først siden derfor fordi selv allerede stadig gerne
borgerinddragelse velfærd trivsel sundhed ældre børn unge familier forældre naboer pårørende
kultur fritid idræt natur miljø bibliotek bibliotekets plejecenter daginstitution klub hal
værksted workshop temadag prøvehandling evaluering opfølgning kortlægning interview interviews
""")

HEADINGS = [
    "Baggrund",
    "Udgangspunktet",
    "Hvad skete der",
    "Sådan gjorde vi",
    "Samskabelse i praksis",
    "Det lærte vi",
    "Resultater",
    "Hvad man kan tage med",
    "Næste skridt",
    "Hvem var med",
    "Rammerne",
    "Udfordringer undervejs",
    "Sammenhængen",
    "Det ved vi noget om",
    "Sådan kan du bruge os",
]

TAG_HEADS = _words("""
borger frivillig forenings nabo lokal skole ældre unge familie kultur natur idræt sundheds
trivsels lærings leder medarbejder netværks dialog demokrati velfærds fritids biblioteks
by landsby hverdags tværfaglig fælles digital grøn social bolig
""")
TAG_TAILS = _words("""
dialog panel møde netværk budget pulje værksted forum café laboratorium akademi forløb
fællesskab samarbejde partnerskab inddragelse ansvar kortlægning evaluering strategi
platform projekt indsats initiativ rum hus have festival dag uge
""")
EXPERTISE_HEADS = _words("""
proces projekt forandrings netværks frivilligheds borger data kommunikations innovations
lærings ledelses organisations evaluerings sundheds trivsels fundraisings facilitering
""")
EXPERTISE_TAILS = _words("""
ledelse design facilitering analyse koordinering rådgivning udvikling formidling
undervisning styring planlægning kortlægning
""")
FIRST_NAMES = _words("Anne Mette Lars Jens Hanne Peter Søren Karen Mads Line Ida Emil Sofie Rasmus Camilla Henrik")
LAST_NAMES = _words("Nielsen Jensen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen")
ROLES = ["Projektleder", "Konsulent", "Leder", "Koordinator", "Udviklingskonsulent", "Frivilligkoordinator"]
DEPARTMENTS = ["Teknik og Miljø", "Børn og Unge", "Kultur og Fritid", "Social og Sundhed", "Borgerservice"]


def q(text: str) -> str:
    """A double-quoted YAML scalar (JSON strings are valid YAML), never read as bool/number/date."""
    return json.dumps(text, ensure_ascii=False)


def qlist(items: list[str]) -> str:
    return "[" + ", ".join(q(item) for item in items) + "]"


@dataclass
class Entry:
    id: str
    type: str
    municipalities: list[str]
    title: str = ""
    summary: str = ""
    themes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    front: list[str] = field(default_factory=list)  # YAML lines after the shared ones
    body: str = ""

    @property
    def katalog_path(self) -> str:
        return f"{FOLDERS[self.type]}/{self.id}.md"

    @property
    def site_path(self) -> str:
        return f"{SITE_FOLDERS[self.type]}/{self.id}.md"


def counts_for(total: int) -> dict[str, int]:
    counts = {name: int(total * share) for name, share in SHARES.items()}
    # Hand the rounding remainder out in order of the largest fractional parts (stable by name).
    remainder = total - sum(counts.values())
    order = sorted(SHARES, key=lambda name: (-(total * SHARES[name] - counts[name]), name))
    for name in order[:remainder]:
        counts[name] += 1
    if counts["initiative"] and not counts["unit"]:  # every initiative names a unit
        counts["unit"], counts["initiative"] = 1, counts["initiative"] - 1
    return counts


def vocabulary(root: Path, name: str) -> list[tuple[str, str]]:
    path = root / "site_config" / "vocabularies" / f"{name}.yml"
    data = yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)
    return [(term["key"], term["label"].get("da", term["key"])) for term in data["terms"]]


def keyword_pool(heads: list[str], tails: list[str], size: int, rng: random.Random) -> list[str]:
    """Distinct Danish-looking keywords with distinct slugs (no two would share a term page)."""
    candidates = [h + t for h in heads for t in tails]
    candidates += [f"{h.rstrip('s')} {t}" for h in heads for t in tails]
    rng.shuffle(candidates)
    pool, seen = [], set()
    for word in candidates:
        slug = slugify(word)
        if slug and slug not in seen:
            seen.add(slug)
            pool.append(word)
            if len(pool) >= size:
                break
    return pool


class Writer:
    """Pseudo-Danish prose, titles and picks, all from one seeded Random."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sentence(self, low: int = 6, high: int = 16) -> str:
        words = self.rng.choices(WORDS, k=self.rng.randint(low, high))
        if len(words) > 8 and self.rng.random() < 0.4:
            words[self.rng.randint(3, len(words) - 3)] += ","
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def text(self, min_chars: int, max_chars: int, low: int = 6, high: int = 16) -> str:
        parts: list[str] = []
        length = 0
        while length < min_chars:
            sentence = self.sentence(low, high)
            if length + len(sentence) + 1 > max_chars:
                break
            parts.append(sentence)
            length += len(sentence) + 1
        text = " ".join(parts)
        return text if len(text) >= min_chars else (text + " Kort sagt: samskabelse i praksis.")[:max_chars]

    def title(self) -> str:
        words = self.rng.choices(WORDS[60:], k=self.rng.randint(3, 7))
        text = " ".join(words)
        return (text[0].upper() + text[1:])[:110]

    def body(self, links: list[str]) -> str:
        """300-500 words of prose in 3-5 `##` sections; `links` become `[[id]]` in the prose."""
        target = self.rng.randint(300, 500)
        sections = self.rng.randint(3, 5)
        headings = self.rng.sample(HEADINGS, sections)
        paragraphs: list[list[str]] = []
        count = 0
        while count < target:
            sentence = self.sentence()
            n = sentence.count(" ") + 1
            if count + n > target and count >= 300:
                break
            if not paragraphs or (len(paragraphs[-1]) >= 3 and self.rng.random() < 0.35):
                paragraphs.append([])
            paragraphs[-1].append(sentence)
            count += n
        for target_id in links:
            paragraph = self.rng.choice(paragraphs)
            if self.rng.random() < 0.5:
                paragraph.append(f"Se også [[{target_id}]].")
            else:
                paragraph.append(f"Læs mere i [[{target_id}|{self.rng.choice(WORDS[60:])}]].")
        per_section = max(1, len(paragraphs) // sections)
        out: list[str] = []
        for index, heading in enumerate(headings):
            chunk = paragraphs[index * per_section : (index + 1) * per_section]
            if index == sections - 1:
                chunk = paragraphs[index * per_section :]
            if not chunk:
                continue
            out.append(f"## {heading}\n")
            out.extend(" ".join(p) + "\n" for p in chunk)
        return "\n".join(out)

    def zipf(self, pool: list[str], cum_weights: list[float], low: int, high: int) -> list[str]:
        wanted = self.rng.randint(low, high)
        picked: list[str] = []
        while len(picked) < wanted:
            word = self.rng.choices(pool, cum_weights=cum_weights, k=1)[0]
            if word not in picked:
                picked.append(word)
        return picked

    def contact(self, unit_id: str | None = None) -> list[str]:
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        email = f"{slugify(first)}.{slugify(last)}{self.rng.randint(1, 999)}@example.org"
        lines = [
            f"  - name: {q(f'{first} {last}')}",
            f"    role: {q(self.rng.choice(ROLES))}",
            f"    email: {email}",
            '    phone: "00 00 00 00"',
        ]
        if unit_id:
            lines.append(f"    unit: {unit_id}")
        return lines

    def partial_date(self, year: int) -> str:
        month = self.rng.randint(1, 12)
        if self.rng.random() < 0.5:
            return f"{year}-{month:02d}"
        return f"{year}-{month:02d}-{self.rng.randint(1, 28):02d}"


def generate(repo: Path, root: Path, total: int, seed: int) -> dict[str, int]:
    """Write a Katalog root with `total` entries under root (emptied first). Returns counts by type."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    copy_site_config(repo, root / "site_config")
    write_mkdocs_yml(repo, root)
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text(INDEX_MD, encoding="utf-8")
    entries = build_entries(root, total, seed)
    for folder in FOLDERS.values():
        (root / folder).mkdir(parents=True, exist_ok=True)
    for entry in entries:
        text = "---\n" + "\n".join(entry_front(entry)) + "\n---\n\n" + entry.body
        (root / entry.katalog_path).write_text(text, encoding="utf-8")
    counts = {name: 0 for name in FOLDERS}
    for entry in entries:
        counts[entry.type] += 1
    return counts


def entry_front(entry: Entry) -> list[str]:
    lines = [] if entry.type != "article" else ["type: article"]
    lines += [f"title: {q(entry.title)}", f"summary: {q(entry.summary)}"]
    if entry.municipalities:
        many = len(entry.municipalities) > 1
        lines.append(f"municipality: {qlist(entry.municipalities) if many else q(entry.municipalities[0])}")
    if entry.themes:
        lines.append(f"themes: {qlist(entry.themes)}")
    lines.append(f"tags: {qlist(entry.tags)}")
    return lines + entry.front


def build_entries(root: Path, total: int, seed: int) -> list[Entry]:
    rng = random.Random(seed)
    w = Writer(rng)
    counts = counts_for(total)
    municipalities = [key for key, _ in vocabulary(root, "municipalities")]
    themes = [key for key, _ in vocabulary(root, "themes")]
    statuses = [key for key, _ in vocabulary(root, "statuses")]
    target_groups = [key for key, _ in vocabulary(root, "target_groups")]
    partner_types = [key for key, _ in vocabulary(root, "partner_types")]
    citizen_roles = [key for key, _ in vocabulary(root, "citizen_roles")]
    participation = [key for key, _ in vocabulary(root, "participation")]
    interview_kinds = [key for key, _ in vocabulary(root, "interview_kinds")]
    unit_kinds = [key for key, _ in vocabulary(root, "unit_kinds")]

    tag_pool = keyword_pool(TAG_HEADS, TAG_TAILS, min(1500, 100 + total // 8), rng)
    tag_weights = list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(tag_pool))))
    expertise_pool = keyword_pool(EXPERTISE_HEADS, EXPERTISE_TAILS, min(350, 40 + total // 25), rng)
    expertise_weights = list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(expertise_pool))))

    # Municipalities spread over all 98 keys: a shuffled round robin, 10% of entries name two.
    order = municipalities[:]
    rng.shuffle(order)
    turn = 0

    def next_municipalities() -> list[str]:
        nonlocal turn
        chosen = [order[turn % len(order)]]
        turn += 1
        if rng.random() < 0.1:
            extra = rng.choice(municipalities)
            if extra != chosen[0]:
                chosen.append(extra)
        return chosen

    # Ids first, so every reference points at an entry that exists.
    entries: list[Entry] = []
    for type_name in ("unit", "initiative", "case", "article"):
        for _ in range(counts[type_name]):
            places = next_municipalities() if type_name != "article" else []
            prefix = places[0] if places else "artikel"
            words = "-".join(slugify(word) for word in rng.sample(WORDS[60:], 2))
            entries.append(Entry(f"{prefix}-{words}-{len(entries) + 1}", type_name, places))
    all_ids = [entry.id for entry in entries]
    units = [entry.id for entry in entries if entry.type == "unit"]
    units_by_place: dict[str, list[str]] = {}
    for entry in entries:
        if entry.type == "unit":
            units_by_place.setdefault(entry.municipalities[0], []).append(entry.id)
    earlier_units: dict[str, list[str]] = {}  # per municipality, the units already written
    earlier_initiatives: list[str] = []

    def pick_units(entry: Entry, low: int, high: int) -> list[str]:
        local = units_by_place.get(entry.municipalities[0], [])
        chosen: list[str] = []
        for _ in range(rng.randint(low, high)):
            source = local if local and rng.random() < 0.7 else units
            unit_id = source[rng.randrange(len(source))]
            if unit_id not in chosen:
                chosen.append(unit_id)
        return chosen

    def pick_related(entry: Entry, low: int, high: int) -> list[str]:
        chosen: list[str] = []
        for _ in range(rng.randint(low, high)):
            other = all_ids[rng.randrange(len(all_ids))]
            if other != entry.id and other not in chosen:
                chosen.append(other)
        return chosen

    for index, entry in enumerate(entries):  # units come first, so index < len(units) for units
        entry.title = w.title()
        entry.summary = w.text(40, 300, 8, 20)
        entry.tags = w.zipf(tag_pool, tag_weights, 2, 5)
        if entry.type != "unit" or rng.random() < 0.5:
            entry.themes = rng.sample(themes, rng.randint(2, 5))
        front: list[str] = []
        if entry.type == "unit":
            front.append(f"kind: {rng.choice(unit_kinds)}")
            local_earlier = earlier_units.setdefault(entry.municipalities[0], [])
            if local_earlier and rng.random() < 0.5:
                front.append(f"parent: {rng.choice(local_earlier)}")
            elif index > 0 and rng.random() < 0.1:
                front.append(f"parent: {units[rng.randrange(index)]}")
            local_earlier.append(entry.id)
            front.append(f"expertise: {qlist(w.zipf(expertise_pool, expertise_weights, 2, 5))}")
            front.append("offers:")
            front += [f"  - {q(w.text(20, 200, 5, 12))}" for _ in range(rng.randint(1, 3))]
            front.append(f"address: {q(f'{rng.choice(WORDS[60:]).capitalize()}vej {rng.randint(1, 200)}')}")
            front.append(f"email: {slugify(entry.id)[:40]}@example.org")
            front.append('phone: "00 00 00 00"')
            front.append(f"website: https://example.org/{entry.id}")
            front.append("contacts:")
            for _ in range(rng.randint(1, 3)):
                front += w.contact(entry.id if rng.random() < 0.5 else None)
        elif entry.type == "initiative":
            status = rng.choice(statuses)
            front.append(f"status: {status}")
            start_year = rng.randint(2012, 2025)
            front += ["period:", f"  start: {q(w.partial_date(start_year))}"]
            if status in ("ended", "anchored"):
                front.append(f"  end: {q(w.partial_date(rng.randint(start_year + 1, 2026)))}")
            front.append(f"target_groups: {qlist(rng.sample(target_groups, rng.randint(1, 3)))}")
            front.append(f"partners: {qlist(rng.sample(partner_types, rng.randint(1, 3)))}")
            front.append(f"units: {qlist(pick_units(entry, 1, 2))}")
            if earlier_initiatives and rng.random() < 0.15:
                front.append(f"based_on: {rng.choice(earlier_initiatives)}")
            earlier_initiatives.append(entry.id)
            if rng.random() < 0.3:
                front.append("links:")
                front += [f"  - title: {q(w.title())}", f"    url: https://example.org/{entry.id}/materiale"]
            if rng.random() < 0.1:
                front.append("contacts:")
                front += w.contact()
        elif entry.type == "case":
            front.append(f"year: {rng.randint(2012, 2025)}")
            front.append(f"department: {q(rng.choice(DEPARTMENTS))}")
            front.append(f"citizen_roles: {qlist(rng.sample(citizen_roles, rng.randint(1, 3)))}")
            front.append(f"participation: {rng.choice(participation)}")
            front.append("interviews:")
            for _ in range(rng.randint(1, 3)):
                front += [
                    f"  - role: {q(rng.choice(ROLES))}",
                    f"    kind: {rng.choice(interview_kinds)}",
                    f"    date: {q(w.partial_date(rng.randint(2012, 2025)))}",
                ]
            front.append("quotes:")
            for _ in range(rng.randint(1, 2)):
                front += [f"  - text: {q(w.text(30, 300))}", f"    by: {q(rng.choice(ROLES))}"]
            front.append("learnings:")
            front += [f"  - {q(w.text(30, 250))}" for _ in range(rng.randint(1, 3))]
            if rng.random() < 0.4:
                front.append(f"units: {qlist(pick_units(entry, 1, 2))}")
        else:  # article
            front.append(f"author: {q(rng.choice(FIRST_NAMES) + ' ' + rng.choice(LAST_NAMES))}")
            front.append(f"date: {rng.randint(2015, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        related = pick_related(entry, 0, 3)
        if related:
            front.append(f"related: {qlist(related)}")
        # In the past: check refuses a review date after today.
        front.append(f"reviewed: {rng.randint(2023, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        entry.front = front
        entry.body = w.body(pick_related(entry, 0, 2))
    return entries


INDEX_MD = """# Samskabelseskataloget

Et syntetisk katalog til ydelsesmåling af Katalog.

- **[Initiativer](initiativer/index.md)**
- **[Medborgerskabskatalog](cases/index.md)**
- **[Visitkort](enheder/index.md)**
- **[Emner](emner/index.md)**
"""


def write_mkdocs_yml(repo: Path, root: Path) -> None:
    """The repo's mkdocs.yml with the hand-written Vidensbank pages dropped from nav."""
    config = yaml.load((repo / "mkdocs.yml").read_text("utf-8"), Loader=yaml.CSafeLoader)

    def keep(item: object) -> bool:
        if isinstance(item, str):
            return not item.startswith("vidensbank/")
        if isinstance(item, dict):
            for key, value in list(item.items()):
                if isinstance(value, list):
                    item[key] = [child for child in value if keep(child)]
                    if not item[key]:
                        del item[key]
                elif isinstance(value, str) and value.startswith("vidensbank/"):
                    del item[key]
            return bool(item)
        return True

    config["nav"] = [item for item in config.get("nav") or [] if keep(item)]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --- the baseline: the same Markdown as plain MkDocs + Material pages --------------------------


def split_front(text: str) -> tuple[str, str]:
    if not text.startswith("---\n"):
        return "", text
    end = text.find("\n---\n", 3)
    return text[4 : end + 1], text[end + 5 :]


def write_baseline(repo: Path, katalog_root: Path, baseline_root: Path) -> int:
    """Copy every entry of katalog_root into baseline_root/docs as a plain page tagged with its
    themes (labels) + tags; mkdocs.yml with the same theme, `plugins: [search, tags]`, nav: index.md."""
    if baseline_root.exists():
        shutil.rmtree(baseline_root)
    docs = baseline_root / "docs"
    docs.mkdir(parents=True)
    theme_labels = dict(vocabulary(katalog_root, "themes"))
    pages = 0
    for type_name, folder in FOLDERS.items():
        target = docs / SITE_FOLDERS[type_name]
        target.mkdir(parents=True, exist_ok=True)
        for path in sorted((katalog_root / folder).glob("*.md")):
            front_text, body = split_front(path.read_text("utf-8"))
            data = yaml.load(front_text, Loader=yaml.CSafeLoader) or {}
            tags = [theme_labels.get(t, t) for t in data.get("themes") or []] + list(data.get("tags") or [])
            lines = [line for line in front_text.splitlines() if not line.startswith(("type:", "tags:", "themes:"))]
            lines.append(f"description: {q(str(data.get('summary', '')))}")
            lines.append(f"tags: {qlist([str(t) for t in tags])}")
            heading = f"# {data.get('title', path.stem)}\n\n"
            (target / path.name).write_text("---\n" + "\n".join(lines) + "\n---\n\n" + heading + body, "utf-8")
            pages += 1
    (docs / "index.md").write_text(
        "# Baseline\n\nSamme sider som Katalog-bygningen, som almindelige sider.\n\n[Emneord](tags.md)\n",
        encoding="utf-8",
    )
    (docs / "tags.md").write_text("# Emneord\n\n<!-- material/tags -->\n", encoding="utf-8")
    config = yaml.load((repo / "mkdocs.yml").read_text("utf-8"), Loader=yaml.CSafeLoader)
    config["site_name"] = "Baseline"
    config["docs_dir"] = "docs"
    config["plugins"] = ["search", "tags"]
    config["nav"] = ["index.md"]
    (baseline_root / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--baseline", type=Path, help="also write the baseline docs here")
    args = parser.parse_args()
    repo = Path(__file__).resolve().parent.parent
    print(generate(repo, args.out, args.entries, args.seed))
    if args.baseline:
        print(write_baseline(repo, args.out, args.baseline), "baseline pages")


if __name__ == "__main__":
    main()
