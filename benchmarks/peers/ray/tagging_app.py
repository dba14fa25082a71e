"""The Trellis image-tagging sample (samples/image-tagging) as a Ray Serve 2.58 application.

TagIngress -> Preprocessor -> TextDetector -> (crop in the ingress) -> DirectionClassifier ->
TextRecognizer -> Tagging, with the same PaddleOCR ONNX models, the same pre- and post-processing and
the same deployment settings as the Java @Deployment/@Autoscaling/@Batch annotations.

POST /tag with the image bytes as the body answers
{"width","height","format","texts":[{"text","confidence","box":[{"x","y"}...]}],"tags":[...],
 "timingsMillis":{...}}, or 400 {"error","message"} for a body that is not an image.

Run: bash benchmarks/peers/ray/serve.sh tagging <port>  (or `serve run tagging_app:app`).
"""

from __future__ import annotations

import asyncio
import datetime
import io
import math
import os
import re
import time
import unicodedata
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import cv2
import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError
from ray import serve
from ray.serve.handle import DeploymentHandle
from shapely.geometry import Polygon
from starlette.requests import Request
from starlette.responses import JSONResponse

# ---------------------------------------------------------------------------------------------------
# Models (ModelDirectory / OcrModelFiles)
# ---------------------------------------------------------------------------------------------------

# Where samples/image-tagging's build fetches them, in this checkout (or in /work/main).
_FETCHED = Path("samples/image-tagging/target/ocr-models/package/assets")
_HERE = Path(__file__).resolve().parents[3] / _FETCHED
DEFAULT_MODELS = str(_HERE if _HERE.is_dir() else Path("/work/main") / _FETCHED)
DETECTOR = "ch_PP-OCRv4_det_infer.onnx"
CLASSIFIER = "ch_ppocr_mobile_v2.0_cls_infer.onnx"
RECOGNIZER = "ch_PP-OCRv4_rec_infer.onnx"
KEYS = "ppocr_keys_v1.txt"


def model_file(name: str) -> str:
    directory = Path(os.environ.get("TRELLIS_OCR_MODELS") or DEFAULT_MODELS)
    path = directory / name
    if not path.is_file():
        raise FileNotFoundError(f"The OCR model directory {directory} lacks {name}; set TRELLIS_OCR_MODELS "
                                f"to the directory holding {DETECTOR}, {CLASSIFIER}, {RECOGNIZER} and {KEYS}")
    return str(path)


def open_model(name: str):
    """An ONNX Runtime session as Trellis opens one per replica: 1 intra-op and 1 inter-op thread, CPU,
    run once on zeros (every free dimension 1) so the first request does not pay the lazy set-up."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(model_file(name), sess_options=options, providers=["CPUExecutionProvider"])
    warm = {i.name: np.zeros([d if isinstance(d, int) and d > 0 else 1 for d in i.shape], np.float32)
            for i in session.get_inputs()}
    session.run(None, warm)
    return session


def one_thread_opencv():
    # Each replica gets one core's worth of work, as Trellis gives each replica one ONNX thread.
    cv2.setNumThreads(1)


# ---------------------------------------------------------------------------------------------------
# ImageDecoding (+ ExifOrientation, RgbImage.of): bytes -> upright pixels, or ImageRejected
# ---------------------------------------------------------------------------------------------------

MAX_PIXELS = 40_000_000
MAX_BYTES = 32 << 20
Image.MAX_IMAGE_PIXELS = None  # the size is checked below, from the header, before any pixel is decoded


class ImageRejected(ValueError):
    """An upload that is not an image this service takes: the client's fault, answered with 400."""


def decode(body: bytes, content_type: Optional[str]) -> Tuple[str, np.ndarray]:
    """The format name and the upright pixels (H x W x 3, BGR, uint8) of an upload."""
    declared = "declared as " + content_type if content_type else "no content type"
    if not body:
        raise ImageRejected(f"The request body is empty ({declared}); send the image's bytes, PNG or JPEG, "
                            "as the body")
    if len(body) > MAX_BYTES:
        raise ImageRejected(f"The image is {len(body)} bytes; at most {MAX_BYTES} bytes are accepted")
    try:
        image = Image.open(io.BytesIO(body))
    except (UnidentifiedImageError, OSError, ValueError) as e:
        raise ImageRejected(f"The body ({len(body)} bytes, {declared}) is not an image this service can read: "
                            f"it starts with {body[:8].hex(' ')}; send a PNG or JPEG file") from e
    fmt = (image.format or "unknown").lower()
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ImageRejected(f"The {fmt.upper()} image is {width}\u00d7{height} pixels "
                            f"({width * height / 1e6:.1f} megapixels); at most {MAX_PIXELS / 1e6:.1f} "
                            "megapixels are accepted, so scale it down first")
    try:
        image.load()
        if fmt == "jpeg":
            image = ImageOps.exif_transpose(image)
        rgb = to_rgb(image)
    except Exception as e:  # noqa: BLE001 - any decoder failure is a damaged upload
        raise ImageRejected(f"The {fmt.upper()} image is truncated or damaged ({e}); send the complete file") from e
    return fmt, np.ascontiguousarray(rgb[:, :, ::-1])


def to_rgb(image: Image.Image) -> np.ndarray:
    """RGB pixels, transparency composed over white as a viewer shows it (RgbImage.of)."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = np.asarray(image.convert("RGBA"), dtype=np.uint32)
        alpha = rgba[:, :, 3:4]
        return ((rgba[:, :, :3] * alpha + 255 * (255 - alpha) + 127) // 255).astype(np.uint8)
    return np.asarray(image.convert("RGB"), dtype=np.uint8)


# ---------------------------------------------------------------------------------------------------
# DetectionPreprocessor: PaddleOCR's DetResizeForTest (limit_type=max, 960) + NormalizeImage, BGR
# ---------------------------------------------------------------------------------------------------

LIMIT_SIDE = 960
DET_MEAN = np.array([0.485, 0.456, 0.406], np.float32)  # planes 0, 1, 2: blue, green, red
DET_STD = np.array([0.229, 0.224, 0.225], np.float32)


def java_round(x: float) -> int:
    return int(math.floor(x + 0.5))


def round_to_stride(side: int) -> int:
    return max(java_round(side / 32.0) * 32, 32)


def detection_input(bgr: np.ndarray) -> np.ndarray:
    """Float [1, 3, H, W], each side a multiple of 32, the longer at most 960."""
    h, w = bgr.shape[:2]
    ratio = LIMIT_SIDE / max(w, h) if max(w, h) > LIMIT_SIDE else 1.0
    width, height = round_to_stride(int(w * ratio)), round_to_stride(int(h * ratio))
    scaled = bgr if (width, height) == (w, h) else cv2.resize(bgr, (width, height), interpolation=cv2.INTER_LINEAR)
    normalised = (scaled.astype(np.float32) / 255.0 - DET_MEAN) / DET_STD
    return np.ascontiguousarray(normalised.transpose(2, 0, 1)[np.newaxis])


# ---------------------------------------------------------------------------------------------------
# DbPostprocessor: PaddleOCR's DBPostProcess (box type quad), unclip ratio 2.0 as Trellis
# ---------------------------------------------------------------------------------------------------

BINARY_THRESHOLD = 0.3
BOX_THRESHOLD = 0.6
UNCLIP_RATIO = 2.0
MIN_SIZE = 3
MAX_CANDIDATES = 1000

# A box: (corners as 4 (x, y) tuples: top left, top right, bottom right, bottom left; score)
Box = Tuple[Tuple[Tuple[float, float], ...], float]


def mini_box(rect) -> Tuple[np.ndarray, float]:
    """The rectangle's corners tl, tr, br, bl (PaddleOCR's get_mini_boxes) and its shorter side."""
    points = sorted(cv2.boxPoints(rect).tolist(), key=lambda p: p[0])
    i1, i4 = (0, 1) if points[1][1] > points[0][1] else (1, 0)
    i2, i3 = (2, 3) if points[3][1] > points[2][1] else (3, 2)
    return np.array([points[i1], points[i2], points[i3], points[i4]], np.float32), min(rect[1])


def box_score_fast(prob: np.ndarray, box: np.ndarray) -> float:
    h, w = prob.shape
    xmin = int(np.clip(np.floor(box[:, 0].min()), 0, w - 1))
    xmax = int(np.clip(np.ceil(box[:, 0].max()), 0, w - 1))
    ymin = int(np.clip(np.floor(box[:, 1].min()), 0, h - 1))
    ymax = int(np.clip(np.ceil(box[:, 1].max()), 0, h - 1))
    mask = np.zeros((ymax - ymin + 1, xmax - xmin + 1), np.uint8)
    shifted = box - np.array([xmin, ymin], np.float32)
    cv2.fillPoly(mask, shifted.reshape(1, -1, 2).astype(np.int32), 1)
    return cv2.mean(prob[ymin:ymax + 1, xmin:xmax + 1], mask)[0]


def unclip(box: np.ndarray) -> np.ndarray:
    polygon = Polygon(box)
    distance = polygon.area * UNCLIP_RATIO / polygon.length
    return np.array(polygon.buffer(distance, join_style="round").exterior.coords, np.float32)


def db_boxes(prob: np.ndarray, image_w: int, image_h: int) -> List[Box]:
    """The text boxes in a probability map, in reading order, in the original image's coordinates."""
    map_h, map_w = prob.shape
    mask = (prob > BINARY_THRESHOLD).astype(np.uint8)
    # Outer contours only: a hole's contour would only yield a box inside the region's own.
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    scale_x, scale_y = image_w / map_w, image_h / map_h
    boxes: List[Box] = []
    for contour in contours[:MAX_CANDIDATES]:
        box, short_side = mini_box(cv2.minAreaRect(contour))
        if short_side < MIN_SIZE:
            continue
        score = box_score_fast(prob, box)
        if score < BOX_THRESHOLD:
            continue
        grown, short_side = mini_box(cv2.minAreaRect(unclip(box)))
        if short_side < MIN_SIZE + 2:
            continue
        corners = tuple((float(np.clip(x * scale_x, 0, image_w - 1)), float(np.clip(y * scale_y, 0, image_h - 1)))
                        for x, y in grown.tolist())
        # PaddleOCR's filter_tag_det_res: at most 3 pixels either way, once in the image, holds no text.
        if int(dist(corners[0], corners[1])) <= 3 or int(dist(corners[0], corners[3])) <= 3:
            continue
        boxes.append((corners, float(score)))
    return trim_overlaps(reading_order(boxes))


def dist(a, b) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def box_width(box: Box) -> float:
    tl, tr, br, bl = box[0]
    return max(dist(tl, tr), dist(bl, br))


def box_height(box: Box) -> float:
    tl, tr, br, bl = box[0]
    return max(dist(tl, bl), dist(tr, br))


# ReadingOrder: by top left corner, then neighbours about level swap when out of order (sorted_boxes)
def reading_order(boxes: List[Box]) -> List[Box]:
    ordered = sorted(boxes, key=lambda b: (b[0][0][1], b[0][0][0]))

    def same_line(a: Box, b: Box) -> bool:
        tolerance = max(10.0, min(box_height(a), box_height(b)) / 2)
        return abs(a[0][0][1] - b[0][0][1]) < tolerance

    for i in range(len(ordered) - 1):
        for j in range(i, -1, -1):
            upper, lower = ordered[j], ordered[j + 1]
            if same_line(upper, lower) and lower[0][0][0] < upper[0][0][0]:
                ordered[j], ordered[j + 1] = lower, upper
            else:
                break
    return ordered


# LineGeometry
def direction(box: Box):
    (tlx, tly), (trx, try_) = box[0][0], box[0][1]
    length = math.hypot(trx - tlx, try_ - tly)
    return None if length == 0 else ((trx - tlx) / length, (try_ - tly) / length)


def centre(box: Box):
    return sum(p[0] for p in box[0]) / 4.0, sum(p[1] for p in box[0]) / 4.0


def follows(last: Box, nxt: Box) -> bool:
    u = direction(last)
    if u is None:
        return False
    height = min(box_height(last), box_height(nxt))
    (cx0, cy0), (cx1, cy1) = centre(last), centre(nxt)
    dx, dy = cx1 - cx0, cy1 - cy0
    off_line = abs(-dx * u[1] + dy * u[0])
    advance = (nxt[0][0][0] - last[0][0][0]) * u[0] + (nxt[0][0][1] - last[0][0][1]) * u[1]
    return off_line < height / 2 and advance > 0


def gap(last: Box, nxt: Box) -> float:
    u = direction(last)
    if u is None:
        return 0.0
    return (nxt[0][0][0] - last[0][1][0]) * u[0] + (nxt[0][0][1] - last[0][1][1]) * u[1]


def trim_overlaps(ordered: List[Box]) -> List[Box]:
    """Neighbours on a line that unclipping made overlap are cut at the middle of the overlap."""
    trimmed = list(ordered)
    for i in range(1, len(trimmed)):
        last, nxt = trimmed[i - 1], trimmed[i]
        overlap = -gap(last, nxt)
        if overlap > 0 and follows(last, nxt):
            u = direction(last)
            dx, dy = u[0] * overlap / 2, u[1] * overlap / 2
            (ltl, ltr, lbr, lbl), (ntl, ntr, nbr, nbl) = last[0], nxt[0]
            trimmed[i - 1] = ((ltl, (ltr[0] - dx, ltr[1] - dy), (lbr[0] - dx, lbr[1] - dy), lbl), last[1])
            trimmed[i] = (((ntl[0] + dx, ntl[1] + dy), ntr, nbr, (nbl[0] + dx, nbl[1] + dy)), nxt[1])
    return trimmed


# ---------------------------------------------------------------------------------------------------
# TextCropper: get_rotate_crop_image with bilinear sampling and replicated edges
# ---------------------------------------------------------------------------------------------------

def crop(bgr: np.ndarray, box: Box) -> np.ndarray:
    width = max(1, int(box_width(box)))
    height = max(1, int(box_height(box)))
    quad = np.array(box[0], np.float32)
    rectangle = np.array([[0, 0], [width, 0], [width, height], [0, height]], np.float32)
    matrix = cv2.getPerspectiveTransform(quad, rectangle)
    out = cv2.warpPerspective(bgr, matrix, (width, height), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    if height >= 1.5 * width:  # vertical text: a quarter anticlockwise, to lie along a line
        out = np.ascontiguousarray(np.rot90(out))
    return out


# ---------------------------------------------------------------------------------------------------
# LineTensors, OrientationClassification, TextRecognition, CharacterDictionary
# ---------------------------------------------------------------------------------------------------

LINE_HEIGHT = 48
CLS_WIDTH = 192
CLS_THRESHOLD = 0.9
REC_MIN_WIDTH = 320
REC_MAX_WIDTH = 3200
REC_RUN = 6  # OcrPipeline.BATCH: crops per recogniser run, sorted by aspect ratio (rec_batch_num)


def scaled_width(crop_: np.ndarray, height: int) -> int:
    h, w = crop_.shape[:2]
    return max(1, math.ceil(height * w / h))


def line_tensor(crops: Sequence[np.ndarray], height: int, width: int) -> np.ndarray:
    """Float [n, 3, height, width]: each crop scaled to the height keeping its aspect (squeezed only when
    wider than the batch), normalised to [-1, 1], BGR planes, zero-padded at the right (resize_norm_img)."""
    out = np.zeros((len(crops), 3, height, width), np.float32)
    for n, c in enumerate(crops):
        w = min(width, scaled_width(c, height))
        scaled = cv2.resize(c, (w, height), interpolation=cv2.INTER_LINEAR) if c.shape[:2] != (height, w) else c
        out[n, :, :, :w] = ((scaled.astype(np.float32) / 255.0 - 0.5) / 0.5).transpose(2, 0, 1)
    return out


def load_dictionary(path: str) -> np.ndarray:
    with open(path, encoding="utf-8") as f:
        keys = f.read().split("\n")
    if keys and keys[-1] == "":
        keys.pop()
    if not keys:
        raise ValueError("The recogniser's key list is empty")
    return np.array([""] + [k.replace("\r", "") for k in keys] + [" "], dtype=object)


def ctc_decode(output: np.ndarray, symbols: np.ndarray) -> List[Tuple[str, float]]:
    """Greedy CTC: the most likely class at each step, repeats merged, blanks dropped; confidence the mean
    probability of the characters kept."""
    if output.shape[2] != len(symbols):
        raise ValueError(f"The recogniser's output has {output.shape[2]} classes, but its dictionary "
                         f"{len(symbols)}: the key file does not belong to this model")
    best = output.argmax(axis=2)
    prob = output.max(axis=2)
    texts = []
    for n in range(output.shape[0]):
        previous = np.concatenate(([-1], best[n, :-1]))
        keep = (best[n] != 0) & (best[n] != previous)
        kept = int(keep.sum())
        texts.append(("".join(symbols[best[n][keep]]), float(prob[n][keep].mean()) if kept else 0.0))
    return texts


# ---------------------------------------------------------------------------------------------------
# TextLines: boxes joined into the lines a reader sees
# ---------------------------------------------------------------------------------------------------

MIN_CONFIDENCE = 0.5
MAX_GAP_IN_HEIGHTS = 1.5


def assemble_lines(boxes: List[Box], texts: List[Tuple[str, float]]):
    if len(boxes) != len(texts):
        raise ValueError(f"{len(boxes)} boxes but {len(texts)} texts")
    lines: List[List[int]] = []
    for i, (text, confidence) in enumerate(texts):
        if confidence < MIN_CONFIDENCE or not text.strip():
            continue
        if lines:
            last, nxt = boxes[lines[-1][-1]], boxes[i]
            if follows(last, nxt) and gap(last, nxt) <= MAX_GAP_IN_HEIGHTS * min(box_height(last), box_height(nxt)):
                lines[-1].append(i)
                continue
        lines.append([i])
    assembled = []
    for line in lines:
        parts = [texts[i][0].strip() for i in line]
        characters = sum(len(p) for p in parts)
        confidence = sum(texts[i][1] * len(p) for i, p in zip(line, parts)) / characters
        first, last = boxes[line[0]][0], boxes[line[-1]][0]
        assembled.append((" ".join(parts), confidence, (first[0], last[1], last[2], first[3])))
    return assembled


# ---------------------------------------------------------------------------------------------------
# tags/: ImageStats, ColourNames, Scripts, TextPatterns, Dates, Codes, Tagger
# ---------------------------------------------------------------------------------------------------

COLOUR_SAMPLES = 1 << 16


def colour_names(rgb: np.ndarray) -> np.ndarray:
    """ColourNames.name for an N x 3 array of RGB pixels."""
    r, g, b = (rgb[:, i].astype(np.int32) for i in range(3))
    mx, mn = np.maximum(r, np.maximum(g, b)), np.minimum(r, np.minimum(g, b))
    value = mx.astype(np.float32) / np.float32(255)
    with np.errstate(divide="ignore", invalid="ignore"):
        saturation = np.where(mx == 0, np.float32(0), (mx - mn).astype(np.float32) / mx.astype(np.float32))
        delta = (mx - mn).astype(np.float32)
        hue = np.where(mx == r, 60 * ((g - b) / delta),
                       np.where(mx == g, 60 * ((b - r) / delta + 2), 60 * ((r - g) / delta + 4))).astype(np.float32)
    hue = np.where(hue < 0, hue + 360, hue)
    names = np.full(len(rgb), "pink", dtype=object)
    names[hue < 290] = "purple"
    names[hue < 260] = "blue"
    names[hue < 200] = "cyan"
    names[hue < 170] = "green"
    names[hue < 70] = "yellow"
    names[hue < 45] = np.where(value[hue < 45] < 0.6, "brown", "orange")
    reddish = (hue < 15) | (hue >= 345)
    names[reddish] = np.where((saturation < 0.5) & (value > 0.7), "pink", np.where(value < 0.45, "brown", "red"))[reddish]
    grey = saturation < 0.2
    names[grey] = np.where(value > 0.85, "white", np.where(value < 0.3, "black", "grey"))[grey]
    names[value < 0.2] = "black"
    return names


def image_stats(bgr: np.ndarray) -> Dict:
    h, w = bgr.shape[:2]
    step = max(1, math.ceil(math.sqrt(w * h / COLOUR_SAMPLES)))
    sample = bgr[step // 2::step, step // 2::step, ::-1].reshape(-1, 3)
    names, counts = np.unique(colour_names(sample), return_counts=True)  # sorted by name, for ties
    shares = [(str(n), int(c) / len(sample)) for n, c in zip(names, counts)]
    shares.sort(key=lambda s: -s[1])
    return {"width": w, "height": h, "colours": shares}


_SYMBOL = "[$€£¥₹₩₽]"
_CODE = "(?i:USD|EUR|GBP|JPY|CNY|RMB|CHF|CAD|AUD|SEK|NOK|DKK|PLN|INR)"
_AMOUNT = r"(?<![\d.,])(?:\d{1,3}(?:[.,' ]\d{3})+|\d+)(?:[.,]\d{1,2})?(?![\d])"
_A = re.ASCII  # Java's \d, \w, \b and \s are ASCII
PRICE = re.compile("(?:" + _SYMBOL + r"|\b" + _CODE + r")\s?" + _AMOUNT
                   + "|" + _AMOUNT + r"\s?(?:" + _SYMBOL + "|" + _CODE + r"\b|元)", _A)
PERCENTAGE = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)?\s?(?:%|(?i:percent|per cent|pct)\b)", _A)
EMAIL = re.compile(r"(?i)\b[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b", _A)
URL = re.compile(r"(?i)\b(?:https?://|www\.)\S+"
                 r"|(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
                 r"(?:com|org|net|io|dev|app|shop|store|info|biz|co|uk|de|fr|it|es|nl|eu|ch|at|be|se|no|dk|pl"
                 r"|us|ca|au|cn|jp|kr|ru|in)\b(?![.-]?\w)", _A)
HYPHENATED = re.compile(r"(?<![\w-])(?=[A-Z0-9-]*[A-Z])(?=(?:[A-Z-]*\d){3})[A-Z0-9]+(?:-[A-Z0-9]+)+(?![\w-])", _A)
LETTERS_THEN_DIGITS = re.compile(r"(?<![\w-])[A-Z]{2,}\d{3,}(?![\w-])", _A)
DIGIT_RUN = re.compile(r"(?<!\d)(\d{8}|\d{12,14})(?!\d)", _A)
YEAR_FIRST = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)", _A)
YEAR_LAST = re.compile(r"(?<![\d.,])(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?![\d.,]?\d)", _A)
MONTH_NAME_FIRST = re.compile(r"(?i)(?<![a-z])([a-z]{3,9})\.?\s*(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{4})(?!\d)", _A)
DAY_FIRST = re.compile(r"(?i)(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\.?\s*([a-z]{3,9})\.?,?\s*(\d{4})(?!\d)", _A)
CHINESE_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", _A)
MONTHS = {"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
          "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
          "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12}


def valid_date(year: int, month: int, day: int) -> bool:
    if not 1900 <= year <= 2199:
        return False
    try:
        datetime.date(year, month, day)
        return True
    except ValueError:
        return False


def has_date(text: str) -> bool:
    if any(valid_date(int(m[1]), int(m[2]), int(m[3])) for m in YEAR_FIRST.finditer(text)):
        return True
    for m in YEAR_LAST.finditer(text):
        year = 2000 + int(m[3]) if len(m[3]) == 2 else int(m[3])
        if valid_date(year, int(m[2]), int(m[1])) or valid_date(year, int(m[1]), int(m[2])):
            return True
    if any(valid_date(int(m[3]), MONTHS.get(m[1].lower(), 0), int(m[2])) for m in MONTH_NAME_FIRST.finditer(text)):
        return True
    if any(valid_date(int(m[3]), MONTHS.get(m[2].lower(), 0), int(m[1])) for m in DAY_FIRST.finditer(text)):
        return True
    return any(valid_date(int(m[1]), int(m[2]), int(m[3])) for m in CHINESE_DATE.finditer(text))


def valid_check_digit(digits: str) -> bool:
    total = sum((3 if i % 2 == 1 else 1) * int(d) for i, d in enumerate(reversed(digits)))
    return total % 10 == 0


def has_code(text: str) -> bool:
    if HYPHENATED.search(text) or LETTERS_THEN_DIGITS.search(text):
        return True
    return any(valid_check_digit(m[1]) for m in DIGIT_RUN.finditer(text))


_SCRIPT_NAMES = {"CJK": "han", "HIRAGANA": "kana", "KATAKANA": "kana"}


def script_of(ch: str) -> Optional[str]:
    category = unicodedata.category(ch)
    if category == "Nd":
        return "digits"
    if not category.startswith("L"):
        return None
    first = unicodedata.name(ch, "").split(" ")[0]
    return _SCRIPT_NAMES.get(first, first.lower()) if first else None


def majority_script(text: str) -> Optional[str]:
    counts: Dict[str, int] = {}  # in order of appearance, for ties
    for ch in text:
        script = script_of(ch)
        if script:
            counts[script] = counts.get(script, 0) + 1
    best, best_count = None, 0
    for script, count in counts.items():
        if count > best_count:
            best, best_count = script, count
    return best


CONTENT_TAGS = [("price", lambda t: PRICE.search(t) is not None),
                ("percentage", lambda t: PERCENTAGE.search(t) is not None),
                ("date", has_date),
                ("url", lambda t: URL.search(EMAIL.sub(" ", t)) is not None),
                ("email", lambda t: EMAIL.search(t) is not None),
                ("sku", has_code)]


def tags_of(lines: List[Tuple[str, float]], stats: Dict) -> List[str]:
    texts = [unicodedata.normalize("NFKC", t) for t, c in lines if c >= MIN_CONFIDENCE and t.strip()]
    tags = ["has-text" if texts else "no-text"]
    script = majority_script(" ".join(texts))
    if script:
        tags.append("script:" + script)
    tags += [tag for tag, found_in in CONTENT_TAGS if any(found_in(t) for t in texts)]
    tags += ["colour:" + name for name, share in stats["colours"] if share >= 0.2][:3]
    w, h = stats["width"], stats["height"]
    pixels = w * h
    tags.append("size:" + ("small" if pixels < 300_000 else "medium" if pixels < 2_000_000 else "large"))
    tags.append("orientation:" + ("square" if abs(w - h) <= 0.05 * max(w, h) else "landscape" if w > h else "portrait"))
    return tags


# ---------------------------------------------------------------------------------------------------
# The deployments (settings from the Java annotations)
# ---------------------------------------------------------------------------------------------------

# Trellis's @Autoscaling defaults (upscale delay 3 s, downscale delay 60 s, look-back 5 s); Ray's own
# (30 s, 600 s, 30 s, metrics pushed every 10 s) would hardly scale up within a benchmark run.
# metrics_interval_s is deprecated in 2.58 but is still the interval handles push their load at.
# TRELLIS_PEER_FIXED_REPLICAS=1 serves the two model steps at their largest count, without autoscaling, as
# the performance benchmark compares throughput at equal replica counts (autoscaling has its own benchmark).
FIXED = os.environ.get("TRELLIS_PEER_FIXED_REPLICAS") == "1"


def scaling(min_replicas: int, max_replicas: int, target: float) -> Dict:
    if FIXED:
        return {"num_replicas": max_replicas}
    return {"autoscaling_config": {"min_replicas": min_replicas, "max_replicas": max_replicas,
                                   "target_ongoing_requests": target, **AUTOSCALING_TIMING}}


AUTOSCALING_TIMING = {"upscale_delay_s": 3.0, "downscale_delay_s": 60.0, "look_back_period_s": 5.0,
                      "metrics_interval_s": 0.5}


@serve.deployment(ray_actor_options={"num_cpus": 0.3}, max_ongoing_requests=8)
class Preprocessor:
    """Step 2 (CPU): decodes the upload, checking it is a whole image of a sane size, turns it upright and
    measures what the tags read from its pixels; the detector prepares its own input from the pixels, as in
    the Java pipeline."""

    def __init__(self):
        one_thread_opencv()

    def prepare(self, body: bytes, content_type: Optional[str]) -> Dict:
        fmt, pixels = decode(body, content_type)
        return {"format": fmt, "pixels": pixels, "stats": image_stats(pixels)}


@serve.deployment(
    ray_actor_options={"num_cpus": 0.3},
    max_ongoing_requests=16,
    **scaling(1, 2, 1),
)
class TextDetector:
    """Step 3: the PP-OCRv4 detector, batched over requests; images of the same input size run together."""

    def __init__(self):
        one_thread_opencv()
        self.model = open_model(DETECTOR)

    @serve.batch(max_batch_size=4, batch_wait_timeout_s=0.005)
    async def detect(self, images: List[Tuple[np.ndarray, int, int]]) -> List[List[Box]]:
        return await asyncio.to_thread(self._detect, images)

    def _detect(self, images):
        inputs = [(detection_input(pixels), width, height) for pixels, width, height in images]
        found: List[Optional[List[Box]]] = [None] * len(inputs)
        groups: Dict[tuple, List[int]] = {}
        for i, (tensor, _, _) in enumerate(inputs):
            groups.setdefault(tensor.shape, []).append(i)
        for indices in groups.values():
            batch = np.concatenate([inputs[i][0] for i in indices]) if len(indices) > 1 else inputs[indices[0]][0]
            maps = self.model.run(None, {"x": batch})[0]
            for j, i in enumerate(indices):
                found[i] = db_boxes(maps[j, 0], inputs[i][1], inputs[i][2])
        return found


@serve.deployment(ray_actor_options={"num_cpus": 0.2}, max_ongoing_requests=64)
class DirectionClassifier:
    """Step 4: the 0/180 degree classifier, batched over the crops of all requests; crops that read upside
    down come back turned."""

    def __init__(self):
        one_thread_opencv()
        self.model = open_model(CLASSIFIER)

    @serve.batch(max_batch_size=16, batch_wait_timeout_s=0.005)
    async def upright(self, crops: List[np.ndarray]) -> List[np.ndarray]:
        return await asyncio.to_thread(self._upright, crops)

    def _upright(self, crops):
        p = self.model.run(None, {"x": line_tensor(crops, LINE_HEIGHT, CLS_WIDTH)})[0]
        return [np.ascontiguousarray(c[::-1, ::-1]) if p[n, 1] > CLS_THRESHOLD else c for n, c in enumerate(crops)]


@serve.deployment(
    ray_actor_options={"num_cpus": 0.3},
    max_ongoing_requests=64,
    **scaling(1, 2, 4),
)
class TextRecognizer:
    """Step 5: the PP-OCRv4 recogniser, batched over every crop of every request, in runs of similar
    aspect ratio; greedy CTC decoding with the character list."""

    def __init__(self):
        one_thread_opencv()
        self.symbols = load_dictionary(model_file(KEYS))
        self.model = open_model(RECOGNIZER)

    @serve.batch(max_batch_size=16, batch_wait_timeout_s=0.005)
    async def recognize(self, crops: List[np.ndarray]) -> List[Tuple[str, float]]:
        return await asyncio.to_thread(self._recognize, crops)

    def _recognize(self, crops):
        order = sorted(range(len(crops)), key=lambda i: crops[i].shape[1] / crops[i].shape[0])
        texts: List[Optional[Tuple[str, float]]] = [None] * len(crops)
        for start in range(0, len(order), REC_RUN):
            run = [crops[i] for i in order[start:start + REC_RUN]]
            width = min(max([REC_MIN_WIDTH] + [scaled_width(c, LINE_HEIGHT) for c in run]), REC_MAX_WIDTH)
            output = self.model.run(None, {"x": line_tensor(run, LINE_HEIGHT, width)})[0]
            for i, text in zip(order[start:start + REC_RUN], ctc_decode(output, self.symbols)):
                texts[i] = text
        return texts


@serve.deployment(ray_actor_options={"num_cpus": 0.1}, max_ongoing_requests=64)
class Tagging:
    """Step 6: joins boxes and texts into lines, drops the unsure ones, and tags the image."""

    def tag(self, boxes: List[Box], texts: List[Tuple[str, float]], stats: Dict) -> Dict:
        lines = assemble_lines(boxes, texts)
        results = [{"text": text, "confidence": confidence,
                    "box": [{"x": java_round(x), "y": java_round(y)} for x, y in corners]}
                   for text, confidence, corners in lines]
        return {"texts": results, "tags": tags_of([(t, c) for t, c, _ in lines], stats)}


def _millis(seconds: float) -> float:
    return round(seconds * 10_000) / 10.0


@serve.deployment(ray_actor_options={"num_cpus": 0.1}, max_ongoing_requests=32)
class TagIngress:
    """Step 1: POST /tag with an image as the body answers the text in it and its tags. The crops of one
    image go to the classifier and the recogniser all at once, to share batches with other requests'."""

    def __init__(self, preprocessor: DeploymentHandle, detector: DeploymentHandle, classifier: DeploymentHandle,
                 recognizer: DeploymentHandle, tagging: DeploymentHandle):
        one_thread_opencv()
        # The prepared image (pixels and the detector's input, ~11 MB for a 1024x768 photo) travels through
        # Ray's object store. Said explicitly, because RAY_SERVE_THROUGHPUT_OPTIMIZED=1 switches handles to
        # gRPC by value, whose 4 MiB message limit such results exceed.
        self.preprocessor = preprocessor.options(_by_reference=True)
        self.detector = detector.options(_by_reference=True)
        self.classifier = classifier
        self.recognizer = recognizer
        self.tagging = tagging

    async def __call__(self, request: Request):
        if request.method != "POST":
            return JSONResponse({"error": "Method Not Allowed", "message": "POST an image to /tag"}, 405)
        body = await request.body()
        timings: Dict[str, float] = {}
        start = last = time.perf_counter()

        def lap(step: str):
            nonlocal last
            now = time.perf_counter()
            timings[step] = _millis(now - last)
            last = now

        try:
            prepared = await self.preprocessor.prepare.remote(body, request.headers.get("content-type"))
        except ImageRejected as e:
            return JSONResponse({"error": "Bad Request", "message": str(e.args[0] if e.args else e)}, 400)
        lap("preprocess")
        pixels = prepared["pixels"]
        height, width = pixels.shape[:2]
        boxes = await self.detector.detect.remote((prepared["pixels"], width, height))
        lap("detection")
        # Cut here, where the pixels already are.
        crops = [crop(pixels, box) for box in boxes]
        lap("crop")
        upright = await asyncio.gather(*[self.classifier.upright.remote(c) for c in crops])
        lap("direction")
        texts = await asyncio.gather(*[self.recognizer.recognize.remote(c) for c in upright])
        lap("recognition")
        tagged = await self.tagging.tag.remote(boxes, list(texts), prepared["stats"])
        lap("tagging")
        timings["total"] = _millis(time.perf_counter() - start)
        return JSONResponse({"width": width, "height": height, "format": prepared["format"], "texts": tagged["texts"],
                             "tags": tagged["tags"], "timingsMillis": timings})


app = TagIngress.bind(Preprocessor.bind(), TextDetector.bind(), DirectionClassifier.bind(), TextRecognizer.bind(),
                      Tagging.bind())
