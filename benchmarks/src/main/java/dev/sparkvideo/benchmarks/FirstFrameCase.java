package dev.sparkvideo.benchmarks;

import static dev.sparkvideo.benchmarks.ResultTable.percentOf;
import static dev.sparkvideo.benchmarks.ResultTable.ratio;
import static dev.sparkvideo.benchmarks.ResultTable.seconds;
import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;

import dev.sparkvideo.ffmpeg.FrameReader;
import dev.sparkvideo.ffmpeg.VideoFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * Case 1: the first frame of the seed file in approximate mode, from a local path, HDFS and S3A, against the ffmpeg
 * command line; and on a 250 MB file in S3, against downloading the whole file first (binaryFile and a UDF).
 */
final class FirstFrameCase {
  private final SparkReads reads;
  private final FfmpegCli ffmpeg;
  private final ResultTable table;

  FirstFrameCase(SparkReads reads, FfmpegCli ffmpeg, ResultTable table) {
    this.reads = reads;
    this.ffmpeg = ffmpeg;
    this.table = table;
    reads.spark().udf().register("first_frame_bytes", (UDF1<byte[], Integer>) FirstFrameCase::firstFrameBytes,
        DataTypes.IntegerType);
  }

  /** What a download-first UDF does with binaryFile's content: decode the first frame from the bytes in memory. */
  private static int firstFrameBytes(byte[] content) {
    try (VideoFile video = VideoFile.open(new BytesInput("content", content));
        FrameReader frames = video.frames()) {
      return frames.next() ? frames.get().data().length : 0;
    }
  }

  private Dataset<Row> firstFrame(String path) {
    return reads.video(path).where(col("frame_index").equalTo(0)).select(length(col("data")));
  }

  /** The first frame of {@code path} as a step; {@code bytes[0]} gets what the last run read. */
  private Timing.Step step(String path, long[] bytes) {
    return () -> {
      Dataset<Row> df = firstFrame(path);
      df.collectAsList();
      bytes[0] = SparkReads.bytesRead(df);
    };
  }

  void run(Path seed, String seedOnHdfs, String seedOnS3, Path large, String largeOnS3) throws Exception {
    long size = Files.size(seed);
    long[] localBytes = new long[1];
    long[] hdfsBytes = new long[1];
    long[] s3Bytes = new long[1];
    double[] medians = Timing.interleavedMedians(Timing.REPEATS, step(seed.toString(), localBytes),
        step(seedOnHdfs, hdfsBytes), step(seedOnS3, s3Bytes));
    double local = medians[0];
    double hdfs = medians[1];
    double s3 = medians[2];
    FfmpegCli.Run[] cli = new FfmpegCli.Run[1];
    double cliTime = Timing.median(Timing.REPEATS, () ->
        cli[0] = ffmpeg.run("-i", seed.toString(), "-frames:v", "1", "-f", "null", "-"));

    table.add("1", "first frame of the 60 s seed file: bytes read / file size (local path)",
        percentOf(localBytes[0], size), percentOf(cli[0].bytesRead(), size) + " (ffmpeg CLI)",
        ratio((double) localBytes[0] / cli[0].bytesRead()), "<= 0.5%", localBytes[0] <= size * 0.005);
    table.add("1", "first frame: bytes read through HDFS / S3A", String.format(Locale.ROOT, "%,d / %,d B",
        hdfsBytes[0], s3Bytes[0]), String.format(Locale.ROOT, "%,d B (local path)", localBytes[0]), "-",
        "the same bytes", hdfsBytes[0] == localBytes[0] && s3Bytes[0] == localBytes[0]);
    table.add("1", "first frame, seconds: local path vs ffmpeg CLI (a new process)", seconds(local),
        seconds(cliTime), ratio(local / cliTime), "-", null);
    table.add("1", "first frame, seconds: HDFS vs local path", seconds(hdfs), seconds(local), ratio(hdfs / local),
        "<= 1.10x", hdfs / local <= 1.10);
    table.add("1", "first frame, seconds: S3A vs local path", seconds(s3), seconds(local), ratio(s3 / local),
        "<= 1.10x", s3 / local <= 1.10);

    long largeSize = Files.size(large);
    long[] largeBytes = new long[1];
    double streamed = Timing.median(Timing.REPEATS, step(largeOnS3, largeBytes));
    double downloadFirst = Timing.median(Timing.LONG_REPEATS, () -> reads.spark().read().format("binaryFile")
        .load(largeOnS3).select(callUDF("first_frame_bytes", col("content"))).collectAsList());
    table.add("1", String.format(Locale.ROOT, "first frame of a %.0f MB file in S3: S3A vs download then decode "
        + "(binaryFile + UDF), seconds", largeSize / 1e6), seconds(streamed) + ", "
        + percentOf(largeBytes[0], largeSize), seconds(downloadFirst), ratio(downloadFirst / streamed), ">= 10x",
        downloadFirst / streamed >= 10);
  }
}
