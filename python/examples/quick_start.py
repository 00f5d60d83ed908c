"""The Python quick start: the sample videos' metadata, a pushed-down time window, and a batch of frames as one
NumPy array, through PySpark with the connector's jar from the ``spark_video`` package.

Usage: ``python python/examples/quick_start.py VIDEOS`` (the Java quick start makes sample videos in
``examples/target/quickstart/videos``).
"""

from __future__ import annotations

import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

import spark_video


def main(videos: str) -> None:
    builder = SparkSession.builder.master("local[2]").appName("spark-video python quick start")
    spark = spark_video.configure(builder).getOrCreate()
    spark.sparkContext.setLogLevel("WARN")

    # One row per stream, from the headers alone.
    catalog = spark_video.read_video(spark, videos, mode="metadata")
    catalog.select(F.element_at(F.split("path", "/"), -1).alias("file"), "media_type", "codec", "width", "height",
                   "average_fps", "duration_seconds").orderBy("file", "stream_index").show(truncate=False)

    # Frames between 1 s and 1.5 s: the filter is pushed into the scan (a seek, not a decode of the first second).
    window = (spark_video.read_video(spark, videos)
              .where(F.col("pts_seconds").between(1.0, 1.5))
              .select("path", "frame_index", "pts_seconds"))
    print("frames between 1 s and 1.5 s:", window.count())

    # Every 25th frame of every video at 224x224, as one (n, 224, 224, 3) uint8 array.
    frames = spark_video.read_video(spark, videos, frameStep=25, width=224, height=224)
    batch = spark_video.frames_to_numpy(frames.select("data", "width", "height").toPandas())
    print("batch:", batch.shape, batch.dtype, "mean pixel %.1f" % batch.mean())
    spark.stop()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("Usage: python quick_start.py VIDEOS")
    main(sys.argv[1])
