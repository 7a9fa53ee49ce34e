"""An entry's image in its front-matter: src and alt, each a text, and the file src names (images.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..config.schema import Field
from ..problems import Position
from ..read.yamlnodes import YMap, YNode, YScalar
from .describe import describe
from .images import ALT_MAX, MAX_BYTES, MAX_PIXELS, MAX_SIDE, MIN_WIDTH, ImageProblem, inspect
from .scalar_checks import ScalarChecks, is_empty

IMAGE_KEYS = ("src", "alt")


class ImageChecks(ScalarChecks):
    """The image field's value, and its file when the project's folder is known."""

    root: Path | None  # the project's folder, for image files; None: images' files are not looked at

    def check_image(self, field_: Field, node: YNode, path: str) -> dict[str, Any] | None:
        """src and alt, both required: an image without a text for those who cannot see it is an error.
        The file itself is checked when the validator knows the project's folder."""
        tr = self.tr
        if not isinstance(node, YMap):
            self.out.add(
                "wrong_type",
                node.pos,
                path,
                expected=tr("expected.image"),
                found=describe(node, tr),
                hint=tr("hints.image_shape"),
            )
            return None
        for name, (key, _) in node.items.items():
            if name not in IMAGE_KEYS:
                self.unknown_key(name, key.pos, f"{path}.{name}", list(IMAGE_KEYS))
        alt = self.image_text(node, path, "alt")
        src = self.image_text(node, path, "src")
        if alt is not None and len(alt) > ALT_MAX:
            self.out.add(
                "too_long",
                node.items["alt"][1].pos,
                f"{path}.alt",
                expected=tr("expected.max_chars", max=ALT_MAX),
                found=tr("found.characters", count=len(alt)),
                hint=tr("hints.image_alt_long"),
                count=len(alt),
            )
            alt = None
        if src is None:
            return None
        data: dict[str, Any] = {"src": src}
        if self.root is not None:
            checked = inspect(self.root, self.out.path, src)
            if isinstance(checked, ImageProblem):
                self.image_problem(checked, node.items["src"][1].pos, f"{path}.src")
                return None
            data.update(
                path=checked.path,
                width=checked.width,
                height=checked.height,
                format=checked.format,
                digest=checked.digest,
            )
        if alt is None:
            return None
        data["alt"] = alt
        return data

    def image_text(self, node: YMap, path: str, name: str) -> str | None:
        """The image's src or alt: text that is there and not empty."""
        tr = self.tr
        key_path = f"{path}.{name}"
        if name not in node.items:
            self.out.add(
                f"image_{name}_missing",
                node.pos,
                key_path,
                expected=tr(f"expected.image_{name}"),
                hint=tr(f"hints.image_{name}_missing"),
            )
            return None
        value = node.items[name][1]
        if not isinstance(value, YScalar):
            self.out.add(
                "wrong_type", value.pos, key_path, expected=tr(f"expected.image_{name}"), found=describe(value, tr)
            )
            return None
        if is_empty(value) or (value.is_text and not value.raw.strip()):
            self.out.add(
                f"image_{name}_missing",
                value.pos,
                key_path,
                expected=tr(f"expected.image_{name}"),
                found=describe(value, tr),
                hint=tr(f"hints.image_{name}_missing"),
            )
            return None
        text_field = Field(name, "text")
        text = self.as_text(text_field, value, key_path)
        return " ".join(text.split()) if text is not None else None

    def image_problem(self, problem: ImageProblem, pos: Position, path: str) -> None:
        tr = self.tr
        code = problem.code
        args: dict[str, Any] = dict(problem.args)
        expected = {
            "image_src": tr("expected.image_src"),
            "image_outside": tr("expected.image_src"),
            "image_missing": tr("expected.image_src"),
            "image_not_file": tr("expected.image_src"),
            "image_empty": tr("expected.image_formats"),
            "image_format": tr("expected.image_formats"),
            "image_broken": tr("expected.image_formats"),
            "image_too_big": tr("expected.image_max_bytes", max=_megabytes(MAX_BYTES, tr("words.decimal_mark"))),
            "image_dimensions": tr("expected.image_pixels", max_side=MAX_SIDE, megapixels=MAX_PIXELS // 1_000_000),
            "image_too_narrow": tr("expected.image_min_width", min=MIN_WIDTH),
            "image_extension": tr("expected.image_suffix", format=args.get("format", ""), good=args.get("good", "")),
        }.get(code, "")
        found = ""
        if code == "image_unreadable":
            from ..read.files import os_reason

            args["reason"] = os_reason(tr, OSError(int(args.pop("errno", 0)), args.get("reason", "")))
        if code == "image_too_big":
            found = tr("found.megabytes", size=_megabytes(int(args["size"]), tr("words.decimal_mark")))
            args["size"] = found
        elif code == "image_dimensions" and args.get("width") != "?":
            found = tr("found.pixels", width=args["width"], height=args["height"])
        elif code == "image_dimensions":
            found = tr("found.image_bomb")
        elif code == "image_too_narrow":
            found = tr("found.pixels_wide", width=args["width"])
        elif code == "image_format":
            found = tr("found.image_kind", kind=args["what"]) if args.get("what") else tr("found.image_unknown")
        elif code == "image_empty":
            found = tr("found.zero_bytes")
        elif code == "image_extension":
            found = tr("found.image_kind", kind=args["format"])
        self.out.add(code, pos, path, expected=expected, found=found, hint=tr(f"hints.{code}", **args), **args)


def _megabytes(size: int, mark: str) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", mark)
