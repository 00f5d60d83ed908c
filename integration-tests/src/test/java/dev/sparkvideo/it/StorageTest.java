package dev.sparkvideo.it;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.md5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.spark.VideoMetrics;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.SparkTestBase;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import dev.sparkvideo.testing.VideoSynthesizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads through a real HDFS (MiniDFSCluster) and a real S3 server (S3Proxy through S3A), both on 127.0.0.1:
 * the same rows as from local files, and only a small part of each file's bytes.
 */
class StorageTest {
  /** 1080p, 10 s at 29.97 fps, moov atom at the end, tens of MB. */
  static final VideoSpec LARGE = VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END).size(1920, 1080)
      .fps(30000, 1001).frames(300).gop(60).bitRate(8_000_000).noise();
  static final List<VideoSpec> SMALL = List.of(
      VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END),
      VideoSpec.of(Codec.H264, Container.MKV).withAudio(),
      VideoSpec.of(Codec.MPEG4, Container.MP4_FASTSTART).bFrames(2));

  private static MiniHdfs hdfs;
  private static S3Server s3;
  private static SparkSession spark;
  private static Path local;
  private static Path large;
  private static String hdfsDir;
  private static String s3Dir;

  @BeforeAll
  static void start() throws Exception {
    Path work = Fixtures.scratch("storage");
    local = Files.createDirectories(work.resolve("videos"));
    for (VideoSpec spec : SMALL) {
      Files.copy(Fixtures.video(spec), local.resolve(spec.fileName()),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    large = Fixtures.video(LARGE);
    hdfs = new MiniHdfs(work.resolve("hdfs"));
    s3 = new S3Server(work.resolve("s3"));
    s3.createBucket("videos");
    spark = s3.configure(SparkSession.builder().master("local[2]").appName("storage-test")
        .config("spark.ui.enabled", "false").config("spark.sql.adaptive.enabled", "false")).getOrCreate();
    spark.sparkContext().setLogLevel("WARN");

    hdfsDir = hdfs.uri() + "/videos";
    s3Dir = "s3a://videos/small";
    upload(spark, local, hdfsDir);
    upload(spark, local, s3Dir);
    upload(spark, large, hdfsDir + "-large/" + large.getFileName());
    upload(spark, large, "s3a://videos/large/" + large.getFileName());
  }

  @AfterAll
  static void stop() throws Exception {
    if (spark != null) {
      spark.stop();
    }
    if (s3 != null) {
      s3.close();
    }
    if (hdfs != null) {
      hdfs.close();
    }
  }

  /** Copies a local file or directory to any Hadoop path, through that FileSystem's own API. */
  static void upload(SparkSession session, Path from, String to) throws Exception {
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(to);
    FileSystem fs = target.getFileSystem(session.sparkContext().hadoopConfiguration());
    if (Files.isDirectory(from)) {
      fs.delete(target, true);   // the S3 server's objects outlive a run; a directory copied onto itself nests
    }
    fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(from.toUri()), target);
  }

  private static List<String> frames(String path) {
    return spark.read().format("video").load(path)
        .select(col("_metadata.file_name"), col("frame_index"), col("pts"), md5(col("data")))
        .collectAsList().stream().map(Row::toString).sorted().toList();
  }

  @Test
  void hdfsAndS3GiveTheSameRowsAsLocalFiles() {
    List<String> expected = frames(local.toString());
    assertEquals(30 * SMALL.size(), expected.size());
    assertEquals(expected, frames(hdfsDir), "HDFS");
    assertEquals(expected, frames(s3Dir), "S3A");
  }

  @Test
  void firstFrameWindowAndMetadataReadASmallPartOfTheLargeFile() throws Exception {
    long size = Files.size(large);
    for (String scheme : List.of("hdfs", "s3a")) {
      String path = scheme.equals("hdfs") ? hdfsDir + "-large" : "s3a://videos/large";
      long before = fsBytesRead(scheme);
      spark.read().format("binaryFile").load(path).select(length(col("content"))).collectAsList();
      Map<String, Long> binaryFile = Map.of("fs", fsBytesRead(scheme) - before);
      assertTrue(binaryFile.get("fs") >= size, scheme + ": binaryFile reads the whole file: " + binaryFile);

      Map<String, Long> first = measure(scheme, spark.read().format("video").load(path)
          .where(col("frame_index").equalTo(0)).select(md5(col("data"))));
      Map<String, Long> window = measure(scheme, spark.read().format("video").load(path)
          .where(col("pts_seconds").geq(5.0).and(col("pts_seconds").lt(6.0))).select(md5(col("data"))));
      Map<String, Long> metadata = measure(scheme, spark.read().format("video").option("mode", "metadata")
          .load(path).select("codec", "num_frames"));
      for (Map.Entry<String, Map<String, Long>> e : Map.of("first frame", first, "1 s window", window,
          "metadata", metadata).entrySet()) {
        long ours = e.getValue().get(VideoMetrics.BYTES_READ);
        long filesystem = e.getValue().get("fs");
        String what = scheme + " " + e.getKey() + ": connector " + ours + ", FileSystem " + filesystem + " of "
            + size;
        System.out.println(what + ", binaryFile " + binaryFile.get("fs"));
        double limit = e.getKey().equals("1 s window") ? 0.35 : 0.05;
        assertTrue(ours <= size * limit, what);
        assertTrue(filesystem <= size * limit, what);
        // S3A leaves the bytes of vectored reads out of FileSystem.Statistics: the file's two ends, 64 KiB each,
        // fetched together as it opens.
        long unseen = scheme.equals("s3a") ? 2 * 65536 : 0;
        assertTrue(filesystem >= ours - unseen, what + ": the FileSystem saw at least what the connector read");
        assertTrue(filesystem * 3 < binaryFile.get("fs"), what + " vs binaryFile " + binaryFile.get("fs"));
      }
    }
  }

  /** Runs a video query and returns its scan's metrics plus {@code fs}: bytes the scheme's FileSystem read. */
  private static Map<String, Long> measure(String scheme, Dataset<Row> df) {
    long before = fsBytesRead(scheme);
    df.collectAsList();
    Map<String, Long> out = new HashMap<>(SparkTestBase.scanMetrics(df));
    out.put("fs", fsBytesRead(scheme) - before);
    return out;
  }

  @SuppressWarnings("deprecation")
  static long fsBytesRead(String scheme) {
    long n = 0;
    for (FileSystem.Statistics s : FileSystem.getAllStatistics()) {
      if (s.getScheme().equals(scheme)) {
        n += s.getBytesRead();
      }
    }
    return n;
  }

  @Test
  void manySmallFilesOnHdfsInOneJob() throws Exception {
    Path many = Files.createDirectories(Fixtures.scratch("storage").resolve("many"));
    int files = 240;
    for (int i = 0; i < files; i++) {
      Path f = many.resolve(String.format("clip-%03d.mp4", i));
      if (!Files.exists(f)) {
        VideoSynthesizer.write(f, VideoSpec.of(Codec.H264, Container.MP4_FASTSTART).size(64, 48).frames(3 + i % 5));
      }
    }
    upload(spark, many, hdfs.uri() + "/many");
    Dataset<Row> df = spark.read().format("video").load(hdfs.uri() + "/many");
    long expectedFrames = 0;
    for (int i = 0; i < files; i++) {
      expectedFrames += 3 + i % 5;
    }
    assertEquals(expectedFrames, df.count());
    assertEquals(files, df.select("path").distinct().count());
    assertEquals(expectedFrames, df.select(col("frame_index"), md5(col("data"))).collectAsList().size());
  }

  @Test
  void filesDeletedFromHdfsAfterPlanning() throws Exception {
    for (boolean ignore : new boolean[] {false, true}) {
      String dir = hdfs.uri() + "/deleted-" + ignore;
      upload(spark, local, dir);
      var rdd = spark.read().format("video").option("ignoreMissingFiles", String.valueOf(ignore)).load(dir)
          .select("frame_index").rdd();
      FileSystem fs = hdfs.fileSystem();
      String gone = SMALL.get(1).fileName();
      assertTrue(fs.delete(new org.apache.hadoop.fs.Path(dir + "/" + gone), false));
      if (ignore) {
        assertEquals(60, rdd.count());
      } else {
        Exception e = assertThrows(Exception.class, rdd::count);
        assertTrue(causes(e).contains(gone), causes(e));
      }
    }
  }

  @Test
  void corruptObjectInS3() throws Exception {
    Path bad = Fixtures.scratch("storage").resolve("bad.mp4");
    byte[] whole = Files.readAllBytes(local.resolve(SMALL.get(0).fileName()));
    Files.write(bad, java.util.Arrays.copyOf(whole, whole.length / 2));
    upload(spark, bad, "s3a://videos/corrupt/bad.mp4");
    upload(spark, local.resolve(SMALL.get(2).fileName()), "s3a://videos/corrupt/good.mp4");
    Exception e = assertThrows(Exception.class,
        () -> spark.read().format("video").load("s3a://videos/corrupt").select("frame_index").collectAsList());
    assertTrue(causes(e).contains("bad.mp4"), causes(e));
    Dataset<Row> skipped = spark.read().format("video").option("ignoreCorruptFiles", "true")
        .load("s3a://videos/corrupt").select("frame_index");
    assertEquals(30, skipped.collectAsList().size());
    assertEquals(1L, SparkTestBase.scanMetrics(skipped).get(VideoMetrics.CORRUPT_FILES));
  }

  @Test
  void partitionedLayoutsOnHdfsAndS3() throws Exception {
    Path lake = Fixtures.scratch("storage").resolve("lake");
    Path a = Files.createDirectories(lake.resolve("date=2024-06-01").resolve("camera=3"));
    Path b = Files.createDirectories(lake.resolve("date=2024-06-02").resolve("camera=4"));
    Files.copy(local.resolve(SMALL.get(0).fileName()), a.resolve("a.mp4"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(local.resolve(SMALL.get(1).fileName()), b.resolve("b.mkv"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    upload(spark, lake, hdfs.uri() + "/lake");
    upload(spark, lake, "s3a://videos/lake");
    for (String root : List.of(lake.toString(), hdfs.uri() + "/lake", "s3a://videos/lake")) {
      Dataset<Row> frames = spark.read().format("video").load(root);
      assertEquals(org.apache.spark.sql.types.DataTypes.DateType, frames.schema().apply("date").dataType(), root);
      assertEquals(org.apache.spark.sql.types.DataTypes.IntegerType, frames.schema().apply("camera").dataType());
      assertEquals(60, frames.count(), root);
      Dataset<Row> pruned = frames.where(col("camera").equalTo(4)).select("frame_index", "date");
      List<Row> rows = pruned.collectAsList();
      assertEquals(30, rows.size(), root + ": the partition filter keeps one directory");
      assertEquals(java.sql.Date.valueOf("2024-06-02"), rows.get(0).getDate(1));
      assertTrue(SparkTestBase.scanMetrics(pruned).get(VideoMetrics.BYTES_READ)
          <= Files.size(b.resolve("b.mkv")), root + ": only the kept partition's file is read");
    }
  }

  static String causes(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c).append(" | ");
    }
    return sb.toString();
  }
}
