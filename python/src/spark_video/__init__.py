"""PySpark helpers for ``spark.read.format("video")``.

The package carries the connector's jar: :func:`configure` adds it to a ``SparkSession.builder``; :func:`read_video`
reads videos with options given as keyword arguments; :func:`to_numpy` and :func:`frames_to_numpy` turn raw frame rows
into NumPy arrays; :func:`decode_image` opens JPEG and PNG frames with Pillow.

::

    from pyspark.sql import SparkSession
    import spark_video

    spark = spark_video.configure(SparkSession.builder.master("local[2]")).getOrCreate()
    frames = spark_video.read_video(spark, "/data/videos", frameStep=30, width=224)
    first = spark_video.to_numpy(frames.where("frame_index = 0").first())   # (height, 224, 3) uint8
"""

from __future__ import annotations

import glob
import os
from typing import TYPE_CHECKING, Any, Mapping, Sequence, Tuple, Union

import numpy as np

if TYPE_CHECKING:  # pragma: no cover - imported for type hints only
    import pandas
    from PIL import Image
    from pyspark.sql import DataFrame, Row, SparkSession

__all__ = [
    "FRAME_FORMATS",
    "YuvFrame",
    "configure",
    "decode_image",
    "frames_to_numpy",
    "jar_path",
    "read_video",
    "to_numpy",
]

__version__ = "0.1.0.dev0"

#: The raw ``frameFormat`` values :func:`to_numpy` understands, with the channels of one pixel (0: planar 4:2:0).
FRAME_FORMATS: Mapping[str, int] = {"rgb24": 3, "bgr24": 3, "gray": 1, "yuv420p": 0}

#: A ``yuv420p`` frame: the Y plane ``(height, width)``, then U and V, each ``(ceil(height/2), ceil(width/2))``.
YuvFrame = Tuple[np.ndarray, np.ndarray, np.ndarray]


def jar_path() -> str:
    """The path of the connector's jar inside this package (FFmpeg's natives for Linux x86-64 included)."""
    found = sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "jars", "*.jar")))
    if not found:
        raise FileNotFoundError("spark_video was installed without the connector's jar; reinstall it from a wheel, or"
                                " from the source tree after 'mvn -B -DskipTests package'")
    return found[-1]


def configure(builder: "SparkSession.Builder") -> "SparkSession.Builder":
    """Adds the connector's jar to ``builder``'s ``spark.jars`` (keeping jars already there) and returns it.

    Use it before ``getOrCreate()``, in a new Python process (the JVM reads ``spark.jars`` when it starts)::

        spark = spark_video.configure(SparkSession.builder.appName("frames")).getOrCreate()

    With ``spark-submit`` or a cluster's own configuration, pass :func:`jar_path` to ``--jars`` instead. With Spark
    Connect the jar belongs on the server (see the docs).
    """
    options = getattr(builder, "_options", {})
    existing = [j for j in str(options.get("spark.jars", "")).split(",") if j]
    jar = jar_path()
    if jar not in existing:
        existing.append(jar)
    return builder.config("spark.jars", ",".join(existing))


def _option_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def read_video(spark: "SparkSession", path: Union[str, Sequence[str]], **options: Any) -> "DataFrame":
    """Reads videos as a DataFrame: one row per frame, or per stream with ``mode="metadata"``.

    Options are the connector's (docs/options.md) as keyword arguments; booleans and numbers may be given as Python
    values: ``read_video(spark, "s3a://bucket/videos/", frameFormat="jpeg", width=224, keyframesOnly=True)``. The
    connector checks them when the DataFrame is loaded: a bad value raises PySpark's ``IllegalArgumentException``
    with the connector's message, naming the option and what it accepts; a path that does not exist raises
    ``AnalysisException`` (``PATH_NOT_FOUND``).
    """
    reader = spark.read.format("video")
    for key, value in options.items():
        if value is not None:
            reader = reader.option(key, _option_value(value))
    paths = [path] if isinstance(path, str) else list(path)
    return reader.load(paths[0] if len(paths) == 1 else paths)


def _field(row: Any, name: str) -> Any:
    try:
        return row[name]
    except (KeyError, ValueError, TypeError) as e:
        raise ValueError("the row has no '%s' column: select data, width and height" % name) from e


def _planes(data: bytes, width: int, height: int, frame_format: str) -> Union[np.ndarray, YuvFrame]:
    if frame_format not in FRAME_FORMATS:
        raise ValueError("frame_format must be one of %s (jpeg and png frames: use decode_image), got %r"
                         % (", ".join(FRAME_FORMATS), frame_format))
    buffer = np.frombuffer(data, dtype=np.uint8)
    channels = FRAME_FORMATS[frame_format]
    if channels == 0:
        cw, ch = (width + 1) // 2, (height + 1) // 2
        luma = width * height
        if buffer.size != luma + 2 * cw * ch:
            raise ValueError("a %dx%d yuv420p frame has %d bytes, not %d" % (width, height, luma + 2 * cw * ch,
                                                                             buffer.size))
        return (buffer[:luma].reshape(height, width), buffer[luma:luma + cw * ch].reshape(ch, cw),
                buffer[luma + cw * ch:].reshape(ch, cw))
    if buffer.size != width * height * channels:
        raise ValueError("a %dx%d %s frame has %d bytes, not %d" % (width, height, frame_format,
                                                                    width * height * channels, buffer.size))
    shape = (height, width) if channels == 1 else (height, width, channels)
    return buffer.reshape(shape)


def to_numpy(row: "Row", frame_format: str = "rgb24") -> Union[np.ndarray, YuvFrame]:
    """One frame row's ``data`` as a NumPy array shaped from its ``width`` and ``height``, without copying.

    ``rgb24``/``bgr24``: ``(height, width, 3)``; ``gray``: ``(height, width)``; ``yuv420p``: a :data:`YuvFrame`.
    The array is read-only (it views the row's bytes); ``frame_format`` must be the ``frameFormat`` the row was read
    with.
    """
    data = _field(row, "data")
    if data is None:
        raise ValueError("the row has no pixels: select the data column")
    return _planes(bytes(data), int(_field(row, "width")), int(_field(row, "height")), frame_format)


def frames_to_numpy(frames: "pandas.DataFrame", frame_format: str = "rgb24") -> np.ndarray:
    """The ``data`` of many frames (a pandas DataFrame with ``data``, ``width``, ``height``, as ``toPandas()``,
    ``applyInPandas`` or ``mapInPandas`` give it) as one array of shape ``(n, height, width, 3)`` (``rgb24``/``bgr24``)
    or ``(n, height, width)`` (``gray``), built with one copy. All frames must have the same size (read with
    ``width``/``height`` options to make it so); ``yuv420p`` is not stacked: use :func:`to_numpy` per row.
    """
    if frame_format not in ("rgb24", "bgr24", "gray"):
        raise ValueError("frames_to_numpy stacks rgb24, bgr24 or gray frames, got %r" % (frame_format,))
    if len(frames) == 0:
        raise ValueError("no frames to stack")
    widths = frames["width"].unique()
    heights = frames["height"].unique()
    if len(widths) != 1 or len(heights) != 1:
        raise ValueError("frames of different sizes (%s x %s): read them with the width and height options"
                         % (sorted(widths.tolist()), sorted(heights.tolist())))
    width, height = int(widths[0]), int(heights[0])
    channels = FRAME_FORMATS[frame_format]
    stacked = np.frombuffer(b"".join(bytes(d) for d in frames["data"]), dtype=np.uint8)
    shape: Tuple[int, ...] = (len(frames), height, width) if channels == 1 else (len(frames), height, width, channels)
    if stacked.size != int(np.prod(shape)):
        raise ValueError("the data of %d %dx%d %s frames has %d bytes, not %d"
                         % (len(frames), width, height, frame_format, stacked.size, int(np.prod(shape))))
    return stacked.reshape(shape)


def decode_image(data: Union[bytes, bytearray, memoryview]) -> "Image.Image":
    """A ``jpeg`` or ``png`` frame's ``data`` as a Pillow image (``pip install spark-video[images]``)."""
    try:
        from PIL import Image
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("decode_image needs Pillow: pip install 'spark-video[images]'") from e
    import io

    image = Image.open(io.BytesIO(bytes(data)))
    image.load()
    return image
