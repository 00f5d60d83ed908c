"""Frames as NumPy arrays, checked against the connector's own decode of the same frames (its Java core, called
through the session's JVM), and frames through mapInArrow and applyInPandas."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from pyspark.sql import functions as F

import spark_video


def java_decode(spark, path, frame_format, width=None):
    """Frame 0 of ``path`` decoded by the connector's core directly (no Spark rows): its bytes, width, height."""
    jvm = spark._jvm
    conf = jvm.org.apache.hadoop.conf.Configuration()
    source = jvm.dev.sparkvideo.io.HadoopSeekableInput.open(jvm.org.apache.hadoop.fs.Path(path), conf)
    try:
        video = jvm.dev.sparkvideo.ffmpeg.VideoFile.open(source)
        try:
            request = (jvm.dev.sparkvideo.ffmpeg.FrameRequest.builder()
                       .format(jvm.dev.sparkvideo.ffmpeg.FrameFormat.fromOptionName(frame_format))
                       .frameIndexRange(0, 1))
            if width is not None:
                request = request.width(jvm.java.lang.Integer.valueOf(width))
            reader = video.frames(request.build())
            assert reader.next()
            frame = reader.get()
            return bytes(frame.data()), frame.width(), frame.height()
        finally:
            video.close()
    finally:
        source.close()


@pytest.mark.parametrize("frame_format", ["rgb24", "bgr24", "gray", "yuv420p"])
def test_to_numpy_is_the_java_decode_shaped(spark, samples, frame_format):
    for path in sorted(samples.iterdir()):
        row = (spark_video.read_video(spark, str(path), frameFormat=frame_format)
               .where("frame_index = 0").select("data", "width", "height").first())
        expected, width, height = java_decode(spark, str(path), frame_format)
        array = spark_video.to_numpy(row, frame_format)
        if frame_format == "yuv420p":
            y, u, v = array
            assert y.shape == (height, width) and u.shape == v.shape == ((height + 1) // 2, (width + 1) // 2)
            assert (y.tobytes() + u.tobytes() + v.tobytes()) == expected, path.name
        else:
            shape = (height, width) if frame_format == "gray" else (height, width, 3)
            assert array.shape == shape and array.dtype == np.uint8
            assert array.tobytes() == expected, path.name


def test_bgr_is_rgb_reversed(spark, h264):
    # At the stream's own size: swscale resizes rgb24 and bgr24 by different paths, as the command line does.
    frames = spark_video.read_video(spark, h264).where("frame_index = 5")
    rgb = spark_video.to_numpy(frames.first())
    bgr = spark_video.to_numpy(spark_video.read_video(spark, h264, frameFormat="bgr24")
                               .where("frame_index = 5").first(), "bgr24")
    assert np.array_equal(rgb, bgr[:, :, ::-1])


def test_frames_to_numpy_stacks_a_pandas_batch(spark, h264):
    pdf = (spark_video.read_video(spark, h264, width=64, height=36).where("frame_index < 10")
           .orderBy("frame_index").select("data", "width", "height").toPandas())
    stacked = spark_video.frames_to_numpy(pdf)
    assert stacked.shape == (10, 36, 64, 3)
    assert np.array_equal(stacked[3], np.frombuffer(pdf["data"][3], np.uint8).reshape(36, 64, 3))
    with pytest.raises(ValueError, match="rgb24, bgr24 or gray"):
        spark_video.frames_to_numpy(pdf, "yuv420p")


def test_wrong_sizes_and_formats_are_refused(spark, h264):
    row = spark_video.read_video(spark, h264, frameFormat="gray", width=32).where("frame_index = 0").first()
    with pytest.raises(ValueError, match="rgb24 frame has"):
        spark_video.to_numpy(row, "rgb24")
    with pytest.raises(ValueError, match="decode_image"):
        spark_video.to_numpy(row, "jpeg")


def test_decode_image_opens_png_and_jpeg(spark, h264):
    for frame_format in ("png", "jpeg"):
        row = (spark_video.read_video(spark, h264, frameFormat=frame_format, width=80)
               .where("frame_index = 0").select("data", "width", "height").first())
        image = spark_video.decode_image(row.data)
        assert image.size == (row.width, row.height) == (80, 45)
    png = spark_video.decode_image(spark_video.read_video(spark, h264, frameFormat="png", width=80)
                                   .where("frame_index = 0").first().data)
    rgb = spark_video.to_numpy(spark_video.read_video(spark, h264, width=80).where("frame_index = 0").first())
    assert np.array_equal(np.asarray(png.convert("RGB")), rgb), "PNG is the rgb24 frame, losslessly"


def test_map_in_arrow_over_frame_rows(spark, h264):
    def mean_brightness(batches):
        for batch in batches:
            means = [float(np.frombuffer(d.as_py(), np.uint8).mean()) for d in batch.column("data")]
            yield pa.RecordBatch.from_pydict({"frame_index": batch.column("frame_index"), "mean": means})

    rows = (spark_video.read_video(spark, h264, frameFormat="gray", width=32).where("frame_index < 20")
            .select("frame_index", "data").mapInArrow(mean_brightness, "frame_index long, mean double").collect())
    assert len(rows) == 20 and all(0 <= r.mean <= 255 for r in rows)


def test_apply_in_pandas_per_file(spark, samples):
    def frames_per_file(pdf):
        import pandas as pd

        stacked = spark_video.frames_to_numpy(pdf, "gray")
        return pd.DataFrame({"path": [pdf["path"].iloc[0]], "frames": [stacked.shape[0]]})

    counts = (spark_video.read_video(spark, str(samples), frameFormat="gray", width=16, height=16)
              .select("path", "data", "width", "height").groupBy("path")
              .applyInPandas(frames_per_file, "path string, frames long").collect())
    assert sorted(r.frames for r in counts) == [50, 50, 60, 75, 300]
