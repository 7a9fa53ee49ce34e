"""Entry images: required alt text, files checked by their bytes with located errors in Danish, WebP
copies at responsive widths made once and cached by content, byte-identical builds, no metadata
(EXIF, GPS) in the output, hostile files (truncated, empty, wrong extension, decompression bombs,
links out of the project) reported and never a traceback.

What is decided here (see core/validate/images.py and render/images.py):
- `image: {src, alt}`; src relative to the entry's file and inside the project; alt required.
- JPEG, PNG or WebP by content; at most 10 MB, 8000 px a side and 40 megapixels; at least 480 px wide
  (as shown: a photo taken sideways counts by its upright width).
- Copies: WebP at 480, 960 and 1440 px wide and never wider than the original, in site/katalog/img/,
  named by the original's digest; cached in KATALOG_IMAGE_CACHE (default .cache/katalog-images/).
"""

from __future__ import annotations

import importlib.util
import io
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image

from katalog.core.catalogue import build_catalogue
from katalog.core.validate.images import ImageInfo, ImageProblem, check_bytes, variants
from katalog.exports.decap import decap_config
from katalog.exports.json_schema import value_schema
from katalog.render.images import ImageStore, image_files, resize

from .build_support import build, build_ok
from .conftest import INDEX_MD, REPO, Site, copy_example_config, entry, mkdocs_yml_for_tests, problem_lines

PROPERTIES = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=150,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

CAMERA = "KatalogTestCam"  # written into the test photo's EXIF; must not reach the site


# --- images made for the tests -------------------------------------------------------------------


def jpeg(width: int, height: int, *, orientation: int | None = None, gps: bool = False) -> bytes:
    image = Image.new("RGB", (width, height), (40, 120, 60))
    for x in range(0, width, 40):  # something to resize, not one flat colour
        image.paste((200, 80, 40), (x, 0, min(x + 20, width), height))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x010F] = CAMERA  # Make
        exif.get_ifd(0x8825).update({1: "N", 2: (55.0, 40.0, 12.0), 3: "E", 4: (12.0, 34.0, 56.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, exif=exif.tobytes(), comment=b"private comment")
    return out.getvalue()


def png(width: int, height: int, mode: str = "RGB") -> bytes:
    image = Image.new(mode, (width, height), (30, 60, 200, 128) if mode == "RGBA" else (30, 60, 200))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def webp(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (90, 90, 20)).save(out, "WEBP", quality=70)
    return out.getvalue()


def gif(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("P", (width, height)).save(out, "GIF")
    return out.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A PNG that says it is width x height pixels, with hardly any data: what a decompression bomb
    looks like to a program that trusts the header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def with_image(src: str, alt: str | None = '"Et billede til testen"', kind: str = "case") -> str:
    lines = ["image:", f"  src: {src}"] + ([f"  alt: {alt}"] if alt is not None else [])
    return entry(kind, add="\n".join(lines))


def new_root(base: Path) -> Site:
    copy_example_config(base / "site_config")
    (base / "mkdocs.yml").write_text(mkdocs_yml_for_tests(), encoding="utf-8")
    return Site(base).write({"content/index.md": INDEX_MD})


def catalogue_lines(site: Site) -> list[str]:
    return [line for line in problem_lines(site) if line.startswith(("catalogue/", "content/"))]


# --- katalog check: every problem located, in Danish ---------------------------------------------

ALT_HINT = 'Tilføj "alt:" med en kort tekst om, hvad billedet viser, til dem, der ikke kan se det.'
FORMAT = "Forventet: et JPEG-, PNG- eller WebP-billede."
SRC = "Forventet: en sti til en billedfil i projektet, relativ til postens fil."


def test_check_reports_every_bad_image_where_it_stands(tmp_path: Path) -> None:
    site = new_root(tmp_path / "root")
    outside = tmp_path / "outside.jpg"
    outside.write_bytes(jpeg(600, 400))
    cases = {
        "alt-mangler": with_image("billeder/ok.jpg", alt=None),
        "alt-tom": with_image("billeder/ok.jpg", alt='""'),
        "kun-tekst": entry("case", add="image: billeder/ok.jpg"),
        "ukendt-noegle": entry("case", add='image:\n  src: billeder/ok.jpg\n  alt: "Et billede"\n  title: "x"'),
        "findes-ikke": with_image("billeder/findes-ikke.jpg"),
        "absolut": with_image("/etc/passwd"),
        "webadresse": with_image("https://example.org/x.jpg"),
        "udenfor": with_image("../../../outside.jpg"),
        "link-ud": with_image("billeder/link-ud.jpg"),
        "tom-fil": with_image("billeder/tom.jpg"),
        "tekst": with_image("billeder/tekst.jpg"),
        "gif": with_image("billeder/animation.gif"),
        "forkert-endelse": with_image("billeder/tegning.jpg"),
        "afkortet-jpeg": with_image("billeder/afkortet.jpg"),
        "afkortet-png": with_image("billeder/afkortet.png"),
        "smal": with_image("billeder/smal.png"),
        "for-bred": with_image("billeder/for-bred.png"),
        "bombe": with_image("billeder/bombe.png"),
        "for-stor-fil": with_image("billeder/stor.jpg"),
        "godt-billede": with_image("billeder/ok.jpg"),
        "paa-siden": with_image("billeder/paa-siden.jpg"),
    }
    full_jpeg, full_png = jpeg(600, 400), png(600, 400)
    site.write({f"catalogue/cases/{name}.md": text for name, text in cases.items()})
    site.write(
        {
            "catalogue/cases/billeder/ok.jpg": full_jpeg,
            "catalogue/cases/billeder/tom.jpg": b"",
            "catalogue/cases/billeder/tekst.jpg": "Ikke et billede, bare tekst.\n",
            "catalogue/cases/billeder/animation.gif": gif(600, 400),
            "catalogue/cases/billeder/tegning.jpg": full_png,
            "catalogue/cases/billeder/afkortet.jpg": full_jpeg[: len(full_jpeg) // 2],
            "catalogue/cases/billeder/afkortet.png": full_png[: len(full_png) - 20],
            "catalogue/cases/billeder/smal.png": png(300, 200),
            "catalogue/cases/billeder/for-bred.png": png_header(9000, 10),
            "catalogue/cases/billeder/bombe.png": png_header(20000, 20000),
            "catalogue/cases/billeder/stor.jpg": full_jpeg + b"\0" * (10 * 1024 * 1024),
            # 400 x 600 as stored, 600 x 400 as shown: wide enough
            "catalogue/cases/billeder/paa-siden.jpg": jpeg(400, 600, orientation=6),
        }
    )
    (site / "catalogue/cases/billeder/link-ud.jpg").symlink_to(outside)
    where = "catalogue/cases"
    expected = sorted(
        [
            f'{where}/billeder/link-ud.jpg:1:1: error: symbolsk link til "{outside}" uden for projektets mappe; '
            "læses og udgives ikke. Kopiér indholdet ind i projektet i stedet for at linke til det, eller slet linket.",
            f'{where}/absolut.md:11:8: error: image.src: billedstien "/etc/passwd" kan ikke bruges. {SRC} '
            "Skriv stien relativt til postens fil med / mellem mapperne, fx billeder/foto.jpg; ikke en webadresse.",
            f'{where}/afkortet-jpeg.md:11:8: error: image.src: billedet "billeder/afkortet.jpg" er ødelagt eller '
            f"afkortet. {FORMAT} Gem eller eksportér billedet igen; filen er måske ikke kopieret færdig.",
            f'{where}/afkortet-png.md:11:8: error: image.src: billedet "billeder/afkortet.png" er ødelagt eller '
            f"afkortet. {FORMAT} Gem eller eksportér billedet igen; filen er måske ikke kopieret færdig.",
            f"{where}/alt-mangler.md:11:3: error: image.alt: billedet mangler en alternativ tekst (alt). "
            f"Forventet: en tekst, der siger, hvad billedet viser. {ALT_HINT}",
            f"{where}/alt-tom.md:12:8: error: image.alt: billedet mangler en alternativ tekst (alt). "
            f'Forventet: en tekst, der siger, hvad billedet viser. Fundet: teksten "". {ALT_HINT}',
            f'{where}/bombe.md:11:8: error: image.src: billedet "billeder/bombe.png" har for mange pixel. '
            "Forventet: højst 8000 pixel på hver led og 40 megapixel i alt. "
            "Fundet: så mange pixel, at billedet ikke åbnes. "
            "Gør billedet mindre, fx 2400 pixel bredt; det er rigeligt til siden.",
            f'{where}/findes-ikke.md:11:8: error: image.src: billedet "billeder/findes-ikke.jpg" findes ikke. '
            f"{SRC} Tjek stavningen og store og små bogstaver; stien er relativ til postens fil.",
            f'{where}/for-bred.md:11:8: error: image.src: billedet "billeder/for-bred.png" har for mange pixel. '
            "Forventet: højst 8000 pixel på hver led og 40 megapixel i alt. Fundet: 9000 × 10 pixel. "
            "Gør billedet mindre, fx 2400 pixel bredt; det er rigeligt til siden.",
            f'{where}/for-stor-fil.md:11:8: error: image.src: billedfilen "billeder/stor.jpg" er for stor '
            "(10,0 MB). Forventet: højst 10,0 MB. Fundet: 10,0 MB. Gem billedet i mindre størrelse eller med mere "
            "komprimering; byggeriet laver selv mindre udgaver.",
            f'{where}/forkert-endelse.md:11:8: error: image.src: filen "billeder/tegning.jpg" er et PNG-billede, '
            'men navnet ender på ".jpg". Forventet: et PNG-billede med et navn, der ender på ".png". '
            'Fundet: et PNG-billede. Omdøb filen, så navnet ender på ".png", og ret stien.',
            f'{where}/gif.md:11:8: error: image.src: "billeder/animation.gif" er ikke et JPEG-, PNG- eller '
            f"WebP-billede. {FORMAT} Fundet: et GIF-billede. Gem billedet som JPEG (fotos) eller PNG (tegninger) "
            "og ret stien.",
            f"{where}/kun-tekst.md:10:8: error: image: forkert slags værdi. Forventet: et billede med nøglerne src "
            'og alt. Fundet: teksten "billeder/ok.jpg". Skriv billedet som to nøgler under image: src (stien til '
            "filen) og alt (hvad billedet viser).",
            f'{where}/link-ud.md:11:8: error: image.src: billedet "billeder/link-ud.jpg" ligger uden for '
            f"projektets mappe; læses og udgives ikke. {SRC} Læg billedet i projektet, fx i en mappe billeder/ "
            "ved siden af posten, og skriv stien dertil.",
            f'{where}/smal.md:11:8: error: image.src: billedet "billeder/smal.png" er for smalt (300 pixel). '
            "Forventet: mindst 480 pixel bredt. Fundet: 300 pixel bredt. "
            "Brug et større billede; smalle billeder bliver uskarpe på siden.",
            f'{where}/tekst.md:11:8: error: image.src: "billeder/tekst.jpg" er ikke et JPEG-, PNG- eller '
            f"WebP-billede. {FORMAT} Fundet: en fil, der ikke er et billede i et kendt format. Gem billedet som "
            "JPEG (fotos) eller PNG (tegninger) og ret stien.",
            f'{where}/tom-fil.md:11:8: error: image.src: billedfilen "billeder/tom.jpg" er tom. {FORMAT} '
            "Fundet: 0 bytes. Gem billedet igen fra det program, det kommer fra.",
            f'{where}/udenfor.md:11:8: error: image.src: billedet "../../../outside.jpg" ligger uden for '
            f"projektets mappe; læses og udgives ikke. {SRC} Læg billedet i projektet, fx i en mappe billeder/ "
            "ved siden af posten, og skriv stien dertil.",
            f'{where}/ukendt-noegle.md:13:3: error: image.title: ukendt nøgle "title". Kendte nøgler: alt, src.',
            f'{where}/webadresse.md:11:8: error: image.src: billedstien "https://example.org/x.jpg" kan ikke '
            f"bruges. {SRC} Skriv stien relativt til postens fil med / mellem mapperne, fx billeder/foto.jpg; "
            "ikke en webadresse.",
        ]
    )
    actual = sorted(catalogue_lines(site))
    assert [line for line in actual if line not in expected] == []
    assert [line for line in expected if line not in actual] == []
    assert actual == expected
    # The good ones are kept with what the build needs; the sideways photo by its upright size.
    entries = build_catalogue(site.root).entries
    good, sideways = entries["godt-billede"].data["image"], entries["paa-siden"].data["image"]
    assert {key: good[key] for key in ("src", "path", "width", "height", "format", "alt")} == {
        "src": "billeder/ok.jpg",
        "path": "catalogue/cases/billeder/ok.jpg",
        "width": 600,
        "height": 400,
        "format": "JPEG",
        "alt": "Et billede til testen",
    }
    assert (sideways["width"], sideways["height"]) == (600, 400)


def test_check_and_build_report_the_same_problem(tmp_path: Path, run_check: Callable[..., Any]) -> None:
    site = new_root(tmp_path)
    site.write({"catalogue/cases/haven.md": with_image("billeder/haven.jpg", alt=None)})
    site.write({"catalogue/cases/billeder/haven.jpg": jpeg(600, 400)})
    # Which problem: its wording is test_check_reports_every_bad_image_where_it_stands's.
    [problem] = build_catalogue(site.root).problems
    assert (problem.code, problem.line, problem.column) == ("image_alt_missing", 11, 3)
    code, lines, _ = run_check(site)
    [printed] = [line for line in lines if line.startswith("catalogue/cases/haven.md:11:3: error: ")]
    assert code == 1
    result = build(site.root)
    assert not result.ok
    reported = [line.split("katalog: ", 1)[1] for line in result.lines if "ERROR   -  katalog: " in line]
    assert reported == [printed.replace(": error: ", ": ", 1)]


# --- the build: copies, markup, cache, identical bytes, no metadata --------------------------------

PHOTO = jpeg(2000, 1200, gps=True)
SIDEWAYS = jpeg(1000, 1500, orientation=6)  # shown 1500 x 1000
SMALL = webp(500, 300)
ALPHA = png(800, 600, "RGBA")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One example site built twice with the same cache: the first resizes, the second must not."""
    site = new_root(tmp_path_factory.mktemp("images"))
    site.write(
        {
            "catalogue/cases/haven.md": with_image("billeder/haven.jpg", '"Et tegnet foto af en have"'),
            "catalogue/cases/billeder/haven.jpg": PHOTO,
            "catalogue/initiatives/dagen.md": with_image("../billeder/dag.jpg", '"Et billede på siden"', "initiative"),
            "catalogue/billeder/dag.jpg": SIDEWAYS,
            "catalogue/units/centret.md": with_image("lille.webp", '"Et lille billede"', "unit"),
            "catalogue/units/lille.webp": SMALL,
            "catalogue/cases/glas.md": with_image("billeder/glas.png", '"Et gennemsigtigt billede"').replace(
                "En lille case", "En anden case"
            ),
            "catalogue/cases/billeder/glas.png": ALPHA,
            "content/vidensbank/artikel.md": (
                '---\ntype: article\ntitle: "En artikel"\nsummary: "En artikel med et billede i testen af billeder."\n'
                'date: 2025-01-31\nimage:\n  src: billeder/foto.jpg\n  alt: "Et foto til artiklen"\n---\n\nTekst.\n'
            ),
            "content/vidensbank/billeder/foto.jpg": PHOTO,
        }
    )
    cache = site.root.parent / (site.root.name + "-cache")
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("KATALOG_IMAGE_CACHE", str(cache))
        build_ok(site.root)
        first = {path.name: path.stat().st_mtime_ns for path in cache.iterdir()}
        build_ok(site.root, site_dir="site2")
    second = {path.name: path.stat().st_mtime_ns for path in cache.iterdir()}
    return {"root": site.root, "site": site.root / "site", "site2": site.root / "site2", "cache": (first, second)}


def opened(path: Path) -> tuple[tuple[int, int], str, str]:
    with Image.open(path) as image:
        return image.size, image.mode, str(image.format)


def copies(site: Path) -> dict[str, tuple[int, int]]:
    return {path.name: opened(path)[0] for path in sorted((site / "katalog/img").iterdir())}


def test_copies_are_webp_at_each_width_never_upscaled(built: dict[str, Any]) -> None:
    sizes = sorted(copies(built["site"]).values())
    assert sizes == sorted(
        [
            *[(480, 288), (960, 576), (1440, 864)],  # the 2000 x 1200 photo (a case's and an article's: once)
            *[(480, 320), (960, 640), (1440, 960)],  # 1000 x 1500 taken sideways: shown 1500 x 1000
            *[(480, 288), (500, 300)],  # 500 px wide: no wider copy
            *[(480, 360), (800, 600)],  # the PNG with transparency
        ]
    )
    found = [opened(path) for path in (built["site"] / "katalog/img").iterdir()]
    assert {kind for _, _, kind in found} == {"WEBP"}
    assert [mode for size, mode, _ in found if size == (800, 600)] == ["RGBA"]  # transparency kept


def test_copies_carry_no_metadata(built: dict[str, Any]) -> None:
    for path in (built["site"] / "katalog/img").iterdir():
        data = path.read_bytes()
        with Image.open(path) as image:
            assert not image.getexif()
            assert not {"exif", "icc_profile", "xmp"} & set(image.info)
        assert b"Exif" not in data and CAMERA.encode() not in data and b"private comment" not in data
    # Nor is any original published: not the catalogue's, not the article's in content/.
    published = {p.name for p in built["site"].rglob("*")}
    assert not published & {"haven.jpg", "dag.jpg", "lille.webp", "glas.png", "foto.jpg"}
    assert not any(CAMERA.encode() in p.read_bytes() for p in built["site"].rglob("*") if p.is_file())


def test_entry_page_shows_the_image_with_srcset_size_and_lazy_loading(built: dict[str, Any]) -> None:
    html = (built["site"] / "cases/haven/index.html").read_text(encoding="utf-8")
    name = next(n for n in copies(built["site"]) if n.endswith("-1440.webp") and n[:20] in html)
    digest = name[:20]
    assert (
        '<figure class="katalog-image">\n'
        f'<img src="../../katalog/img/{digest}-960.webp" srcset="../../katalog/img/{digest}-480.webp 480w, '
        f'../../katalog/img/{digest}-960.webp 960w, ../../katalog/img/{digest}-1440.webp 1440w" '
        'sizes="(min-width: 1220px) 688px, (min-width: 960px) calc(100vw - 274px), calc(100vw - 32px)" '
        'width="960" height="576" alt="Et tegnet foto af en have" loading="lazy" decoding="async">\n'
        "</figure>"
    ) in html
    # Not repeated among the facts.
    assert "billeder/haven.jpg" not in html
    small = (built["site"] / "enheder/centret/index.html").read_text(encoding="utf-8")
    assert 'width="500" height="300" alt="Et lille billede"' in small  # the largest copy there is


def test_cards_show_the_image(built: dict[str, Any]) -> None:
    html = (built["site"] / "cases/index.html").read_text(encoding="utf-8")
    cards = html.split('<li class="katalog-card">')[1:]
    haven = next(card for card in cards if "haven/" in card)
    assert haven.startswith('\n<img class="katalog-card-image" src="../katalog/img/')
    assert 'sizes="(min-width: 480px) 160px, 120px" width="960" height="576" alt="Et tegnet foto af en have" ' in haven
    assert 'loading="lazy" decoding="async">' in haven


def test_a_rebuild_takes_copies_from_the_cache_and_gives_the_same_bytes(built: dict[str, Any]) -> None:
    first, second = built["cache"]
    assert first and first == second  # nothing written again
    for path in sorted(built["site"].rglob("*")):
        if path.is_file() and path.suffix in (".webp", ".html"):
            other = built["site2"] / path.relative_to(built["site"])
            assert other.read_bytes() == path.read_bytes(), path


def test_store_resizes_once_then_reads_the_cache(built: dict[str, Any], tmp_path: Path) -> None:
    catalogue = build_catalogue(built["root"])
    store = ImageStore(built["root"], tmp_path / "cache")
    made = image_files(catalogue, store)
    assert (store.resized, store.reused) == (4, 0)  # the photo used twice is resized once
    again = ImageStore(built["root"], tmp_path / "cache")
    assert image_files(catalogue, again) == made
    assert (again.resized, again.reused) == (0, 4)


# --- hostile bytes: never a traceback --------------------------------------------------------------

SEEDS = [jpeg(480, 16), png(480, 16), png(480, 16, "RGBA"), webp(480, 16)]


@PROPERTIES
@given(
    seed=st.sampled_from(SEEDS),
    cut=st.integers(min_value=0, max_value=4000),
    flips=st.lists(st.tuples(st.integers(min_value=0, max_value=4000), st.integers(0, 255)), max_size=6),
    tail=st.binary(max_size=64),
)
# Found by hypothesis: EXIF that Pillow cannot read made it warn ("Corrupt EXIF data"), an error here.
@example(seed=SEEDS[0], cut=666, flips=[(34, 1)], tail=b"")
def test_damaged_bytes_give_a_problem_or_copies_never_a_traceback(
    seed: bytes, cut: int, flips: list[tuple[int, int]], tail: bytes
) -> None:
    data = bytearray(seed[: max(cut, 1)] if cut < len(seed) else seed)
    for at, value in flips:
        if data:
            data[at % len(data)] = value
    data += tail
    checked = check_bytes(bytes(data), "billeder/x.png", "billeder/x.png")
    assert isinstance(checked, ImageInfo | ImageProblem)
    if isinstance(checked, ImageInfo):
        try:
            made = resize(bytes(data))
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            return  # the build reports it (ImageBuildError), with the file's name
        assert [w for w, _ in made] == [w for w, _ in variants(checked.width, checked.height)]


@PROPERTIES
@given(st.binary(max_size=512))
def test_random_bytes_are_a_problem(data: bytes) -> None:
    checked = check_bytes(data, "x.jpg", "x.jpg")
    assert isinstance(checked, ImageProblem)


# --- the schema and the exports ------------------------------------------------------------------


def test_an_image_field_is_single_and_at_the_top(tmp_path: Path, run_check: Callable[..., Any]) -> None:
    site = new_root(tmp_path)
    schema = (site / "site_config/schema.yml").read_text(encoding="utf-8")
    schema = schema.replace("  image:\n    kind: image\n", "  image:\n    kind: image\n    list: true\n", 1)
    schema = schema.replace(
        "      unit:\n        kind: id\n",
        "      photo:\n        kind: image\n      unit:\n        kind: id\n",
        1,
    )
    (site / "site_config/schema.yml").write_text(schema, encoding="utf-8")
    code, lines, _ = run_check(site)
    assert code != 0
    text = "\n".join(lines)
    assert 'indstillingen "list" gælder ikke felter af slagsen image' in text
    assert "et felt af slagsen image kan kun stå direkte under typen, ikke i et objekt" in text


def test_exports_know_the_image_kind() -> None:
    from katalog.core.config.siteconfig import load_site_config

    config = load_site_config(REPO)
    field = config.schema.types["case"].fields["image"]
    assert value_schema(config, field) == {
        "type": "object",
        "properties": {
            "src": {
                "type": "string",
                "minLength": 1,
                "description": "en sti til en billedfil i projektet, relativ til postens fil",
            },
            "alt": {
                "type": "string",
                "minLength": 1,
                "maxLength": 250,
                "description": "en tekst, der siger, hvad billedet viser",
            },
        },
        "required": ["src", "alt"],
        "additionalProperties": False,
    }
    collection = next(c for c in decap_config(config)["collections"] if c["name"] == "case")
    widget = next(f for f in collection["fields"] if f["name"] == "image")
    assert widget["widget"] == "object"
    src, alt = widget["fields"]
    assert (src["name"], src["widget"], src["media_folder"], src["public_folder"]) == (
        "src",
        "image",
        "billeder",
        "billeder",
    )
    assert (alt["name"], alt["widget"]) == ("alt", "string")
    # Decap would ask for both in every entry; the admin script asks for both once either is given.
    assert src["required"] is False and alt["required"] is False
    from katalog.exports.decap_admin_data import _field_data

    data = _field_data(config, field)
    assert data["kind"] == "object" and "required" not in data
    assert {name: sub["required"] for name, sub in data["fields"].items()} == {"src": True, "alt": True}


# --- in a browser: the overview script's cards carry the image too ---------------------------------


def card_images(page: Any) -> list[dict[str, Any]]:
    return page.eval_on_selector_all(  # type: ignore[no-any-return]
        ".katalog-results .katalog-card",
        """cards => cards.map(card => {
            const img = card.querySelector('img.katalog-card-image');
            return img && {title: card.querySelector('.katalog-card-title').textContent, src: img.src,
                srcset: img.srcset.split(', ').map(one => new URL(one.split(' ')[0], location.href).href + ' '
                    + one.split(' ')[1]).join(', '),
                alt: img.alt, width: img.getAttribute('width'), height: img.getAttribute('height'),
                loading: img.loading, loaded: img.complete && img.naturalWidth > 0};
        })""",
    )


@pytest.mark.browser
def test_sorted_cards_made_by_the_script_show_the_same_image(built: dict[str, Any]) -> None:
    from .browser_support import browser_page, serve

    with serve(built["site"]) as url, browser_page() as page:
        page.goto(url + "cases/")
        page.wait_for_function("document.querySelectorAll('.katalog-card-image').length === 2")
        server = sorted(card_images(page), key=lambda card: card["title"])
        page.goto(url + "cases/?sort=title")
        page.wait_for_function("Array.from(document.images).every(img => img.complete)")
        script = card_images(page)
        assert [card["title"] for card in script] == ["En anden case", "En lille case"]  # sorted: the script's
        assert script == server
        assert all(card["loaded"] and card["loading"] == "lazy" for card in script)
        assert script[0]["alt"] == "Et gennemsigtigt billede"


def test_an_unreadable_image_says_why_in_danish() -> None:
    """Tests run as root, who may read anything: the file system's answer is given directly."""
    from katalog.core.collector import Collector
    from katalog.core.config.siteconfig import load_site_config
    from katalog.core.problems import Position, Problem
    from katalog.core.validate.entry import EntryValidator
    from katalog.core.validate.images import ImageProblem

    sink: list[Problem] = []
    validator = EntryValidator(Collector("x.md", load_site_config(REPO).tr, sink), {}, REPO)
    problem = ImageProblem("image_unreadable", {"value": "a.jpg", "reason": "Permission denied", "errno": "13"})
    validator.image_problem(problem, Position(11, 8), "image.src")
    assert [(one.message, one.hint) for one in sink] == [
        ('billedet "a.jpg" kan ikke læses (ingen adgang)', "Giv læseadgang til filen (fx chmod a+r).")
    ]


def test_printing_a_booklet_leaves_truncated_images_broken() -> None:
    """WeasyPrint switches on Pillow's LOAD_TRUNCATED_IMAGES for the whole process when imported: after
    a booklet's printer is loaded, the image check must still call a truncated file broken."""
    if importlib.util.find_spec("weasyprint") is None:
        pytest.skip("WeasyPrint is not installed")
    from katalog.core.validate.images import ImageProblem, check_bytes
    from katalog.render.booklet_pdf import weasyprint_module

    weasyprint_module(lambda key, **args: key)
    full = jpeg(1200, 800)
    checked = check_bytes(full[: len(full) // 2], "catalogue/cases/billeder/halv.jpg", "billeder/halv.jpg")
    assert isinstance(checked, ImageProblem) and checked.code == "image_broken"
