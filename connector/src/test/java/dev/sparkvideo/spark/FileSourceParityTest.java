package dev.sparkvideo.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_block_length;
import static org.apache.spark.sql.functions.input_file_block_start;
import static org.apache.spark.sql.functions.input_file_name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.testing.CountingFileSystem;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.SparkTestBase;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code format("video")} behaves as Spark's own file sources do, checked side by side with {@code binaryFile} on the
 * same directories: partition discovery, pruning and {@code basePath}; statistics; tables and SQL on files;
 * {@code inputFiles}, {@code input_file_name()}, {@code _metadata}; errors; and the listing details.
 */
class FileSourceParityTest extends SparkTestBase {
  private static Path video;
  private static Path lake;

  @BeforeAll
  static void layout() throws IOException {
    video = Fixtures.video(VideoSpec.of(Codec.H264, Container.MP4_FASTSTART).frames(12));
    lake = Fixtures.scratch("lake");
    for (String dir : List.of("date=2024-06-01/camera=3", "date=2024-06-02/camera=4",
        "date=__HIVE_DEFAULT_PARTITION__/camera=5")) {
      Path d = Files.createDirectories(lake.resolve(dir));
      Files.copy(video, d.resolve("clip one.mp4"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static Dataset<Row> videos(String path, String... options) {
    var reader = spark.read().format("video");
    for (int i = 0; i < options.length; i += 2) {
      reader = reader.option(options[i], options[i + 1]);
    }
    return reader.load(path);
  }

  private static Dataset<Row> binary(String path, String... options) {
    var reader = spark.read().format("binaryFile");
    for (int i = 0; i < options.length; i += 2) {
      reader = reader.option(options[i], options[i + 1]);
    }
    return reader.load(path);
  }

  private static StructField field(Dataset<Row> df, String name) {
    return df.schema().apply(name);
  }

  @Test
  void partitionColumnsAreDiscoveredTypedAndLastAsBinaryFileHasThem() {
    Dataset<Row> frames = videos(lake.toString());
    Dataset<Row> files = binary(lake.toString());
    for (String p : List.of("date", "camera")) {
      assertEquals(field(files, p).dataType(), field(frames, p).dataType(), p + " typed as Spark infers it");
    }
    String[] names = frames.schema().fieldNames();
    assertEquals(List.of("date", "camera"), Arrays.asList(names).subList(names.length - 2, names.length),
        "after the source's columns");
    assertEquals(36, frames.count());
    assertEquals(12, frames.where(col("date").isNull()).count(), "__HIVE_DEFAULT_PARTITION__ is null");
    Dataset<Row> metadata = videos(lake.toString(), "mode", "metadata");
    assertEquals(DataTypes.IntegerType, field(metadata, "camera").dataType(), "in metadata mode too");
    assertEquals(List.of(3, 4, 5), metadata.select("camera").distinct().orderBy("camera").collectAsList().stream()
        .map(r -> r.getInt(0)).toList());
  }

  @Test
  void partitionFiltersPruneFilesBeforeAnyIsOpened() throws IOException {
    Dataset<Row> one = videos(lake.toString()).where(col("camera").equalTo(4)).select("frame_index", "camera");
    String plan = one.queryExecution().executedPlan().toString();
    assertTrue(plan.contains("PartitionFilters: [") && plan.contains("camera"), plan);
    assertEquals(12, one.collectAsList().size());
    assertTrue(scanMetrics(one).get(VideoMetrics.BYTES_READ) <= Files.size(video), "one file read");
    assertEquals(1, one.rdd().getNumPartitions());
  }

  @Test
  void basePathAndTypeInferenceAndUserSchemasFollowSpark() {
    Dataset<Row> under = videos(lake.resolve("date=2024-06-01").toString(), "basePath", lake.toString());
    assertEquals(binary(lake.resolve("date=2024-06-01").toString(), "basePath", lake.toString()).schema()
        .apply("date"), field(under, "date"));
    spark.conf().set("spark.sql.sources.partitionColumnTypeInference.enabled", "false");
    try {
      assertEquals(DataTypes.StringType, field(videos(lake.toString()), "camera").dataType());
    } finally {
      spark.conf().unset("spark.sql.sources.partitionColumnTypeInference.enabled");
    }
    StructType userSchema = new StructType().add("frame_index", DataTypes.LongType).add("camera",
        DataTypes.StringType);
    Dataset<Row> typed = spark.read().format("video").schema(userSchema).load(lake.toString());
    assertEquals(DataTypes.StringType, field(typed, "camera").dataType(), "a user schema types a partition column");
    assertEquals(36, typed.count());
    assertEquals(VideoSchema.FRAMES.length() + 2,
        spark.read().format("video").schema(videos(lake.toString()).schema()).load(lake.toString()).schema()
            .length(), "the source's own schema is accepted");
    StructType wrong = new StructType().add("frame_index", DataTypes.StringType);
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> spark.read().format("video").schema(wrong).load(lake.toString()).schema());
    assertTrue(e.getMessage().contains("frame_index"), e.getMessage());
  }

  @Test
  void statisticsComeFromTheListedFilesScaledByWhatIsRead() throws IOException {
    long bytes = 3 * Files.size(video);
    long pixels = size(videos(lake.toString()).select("data"));
    long rows = size(videos(lake.toString()).select("pts"));
    long metadata = size(videos(lake.toString(), "mode", "metadata"));
    assertTrue(pixels > bytes, "decoded pixels weigh more than the files: " + pixels);
    assertTrue(rows < bytes && metadata < bytes, "rows without pixels and metadata rows weigh less than the files: "
        + rows + ", " + metadata);
    assertTrue(size(videos(lake.toString()).where(col("camera").equalTo(3)).select("data")) < pixels,
        "pruned partitions are not counted");
  }

  private static long size(Dataset<Row> df) {
    return df.queryExecution().optimizedPlan().stats().sizeInBytes().longValue();
  }

  @Test
  void perRowFileFunctionsAndMetadataAreSparks() {
    Row ours = videos(lake.toString()).where(col("camera").equalTo(3)).select(input_file_name(),
        input_file_block_start(), input_file_block_length(), col("_metadata")).first();
    Row theirs = binary(lake.toString()).where(col("camera").equalTo(3)).select(input_file_name(),
        input_file_block_start(), input_file_block_length(), col("_metadata")).first();
    assertEquals(theirs.getString(0), ours.getString(0), "input_file_name(), URL-encoded");
    assertTrue(ours.getString(0).contains("clip%20one.mp4"), ours.getString(0));
    assertEquals(theirs.getLong(1), ours.getLong(1));
    assertEquals(theirs.getLong(2), ours.getLong(2));
    assertEquals(theirs.getStruct(3), ours.getStruct(3), "_metadata with Spark's fields and encoding");
    assertEquals(Arrays.asList(binary(lake.toString()).inputFiles()).stream().sorted().toList(),
        Arrays.asList(videos(lake.toString()).inputFiles()).stream().sorted().toList(), "inputFiles()");
  }

  @Test
  void tablesAndSqlOnFiles() throws Exception {
    Path external = Fixtures.scratch("table-external");
    Files.copy(video, external.resolve("a.mp4"), StandardCopyOption.REPLACE_EXISTING);
    Files.deleteIfExists(external.resolve("b.mp4"));
    spark.sql("DROP TABLE IF EXISTS clips");
    spark.sql("CREATE TABLE clips USING video OPTIONS (frameFormat 'gray') LOCATION '" + external + "'");
    try {
      assertEquals(12L, spark.sql("SELECT count(*) FROM clips").first().getLong(0));
      assertEquals(160 * 120, ((byte[]) spark.sql("SELECT data FROM clips WHERE frame_index = 0").first().get(0))
          .length, "the table's options apply");
      Files.copy(video, external.resolve("b.mp4"));
      spark.sql("REFRESH TABLE clips");
      assertEquals(24L, spark.sql("SELECT count(*) FROM clips").first().getLong(0), "REFRESH TABLE lists again");
    } finally {
      spark.sql("DROP TABLE IF EXISTS clips");
    }
    spark.sql("DROP TABLE IF EXISTS lake");
    spark.sql("CREATE TABLE lake USING video LOCATION '" + lake + "'");
    try {
      assertEquals(12L, spark.sql("SELECT count(*) FROM lake WHERE camera = 4").first().getLong(0),
          "a table over partition directories needs no MSCK REPAIR");
    } finally {
      spark.sql("DROP TABLE IF EXISTS lake");
    }
    spark.sql("DROP TABLE IF EXISTS managed_clips");
    spark.sql("CREATE TABLE managed_clips USING video");
    try {
      assertEquals(0L, spark.sql("SELECT count(*) FROM managed_clips").first().getLong(0), "a new managed table");
      Path location = Path.of(spark.sessionState().catalog().getTableMetadata(
          org.apache.spark.sql.catalyst.TableIdentifier.apply("managed_clips")).location());
      Files.copy(video, location.resolve("a.mp4"), StandardCopyOption.REPLACE_EXISTING);
      spark.sql("REFRESH TABLE managed_clips");
      assertEquals(12L, spark.sql("SELECT count(*) FROM managed_clips").first().getLong(0),
          "files put where the catalog keeps it");
    } finally {
      spark.sql("DROP TABLE IF EXISTS managed_clips");
    }
    assertEquals(12L, spark.sql("SELECT count(*) FROM video.`" + external.resolve("a.mp4") + "`").first()
        .getLong(0), "SQL on files");
    assertEquals(3L, spark.sql("SELECT count(*) FROM video.`" + lake + "` WHERE frame_index = 0").first()
        .getLong(0));
  }

  @Test
  void refreshByPathSeesNewFilesInACachedRead() throws IOException {
    Path dir = Fixtures.scratch("refresh-by-path");
    Files.copy(video, dir.resolve("a.mp4"), StandardCopyOption.REPLACE_EXISTING);
    Files.deleteIfExists(dir.resolve("b.mp4"));
    Dataset<Row> cached = videos(dir.toString()).select("frame_index");
    cached.cache();
    try {
      assertEquals(12, cached.count());
      Files.copy(video, dir.resolve("b.mp4"));
      assertEquals(12, cached.count(), "cached");
      spark.catalog().refreshByPath(dir.toString());
      assertEquals(24, cached.count(), "refreshed");
    } finally {
      cached.unpersist();
    }
  }

  @Test
  void listingDetailsAsSparksFileSourcesHaveThem() throws IOException {
    Path dir = Fixtures.scratch("listing-details");
    Files.copy(video, dir.resolve("a.mp4"), StandardCopyOption.REPLACE_EXISTING);
    Files.write(dir.resolve("empty.mp4"), new byte[0]);
    Files.copy(video, dir.resolve("b.mp4._COPYING_"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(video, dir.resolve(".hidden.mp4"), StandardCopyOption.REPLACE_EXISTING);
    assertEquals(binary(dir.toString()).count(), videos(dir.toString()).select("path").distinct().count(),
        "empty, in-flight and hidden files are skipped");
    assertEquals(12, videos(dir.toString()).count());
    Path underscored = Files.createDirectories(Fixtures.scratch("listing-underscore").resolve("_p=1"));
    Files.copy(video, underscored.resolve("c.mp4"), StandardCopyOption.REPLACE_EXISTING);
    String parent = underscored.getParent().toString();
    assertEquals(binary(parent).count(), videos(parent).select("path").distinct().count(),
        "_-prefixed partition directories are kept");
    AnalysisException glob = assertThrows(AnalysisException.class, () -> videos(dir.resolve("*.mkv").toString()));
    assertEquals("PATH_NOT_FOUND", glob.getCondition(), "a glob matching nothing fails at load()");
  }

  @Test
  void sessionSettingsAreReadWhenTheQueryIsPlanned() {
    Dataset<Row> frames = videos(lake.toString()).select("frame_index", "data");
    int before = frames.rdd().getNumPartitions();
    spark.conf().set("spark.sql.files.maxPartitionNum", "1");
    try {
      assertEquals(1, videos(lake.toString()).select("frame_index", "data").rdd().getNumPartitions(),
          "maxPartitionNum");
    } finally {
      spark.conf().unset("spark.sql.files.maxPartitionNum");
    }
    spark.conf().set("spark.sql.files.maxPartitionBytes", "20000");
    try {
      assertTrue(frames.select("frame_index", "data").rdd().getNumPartitions() > before,
          "maxPartitionBytes set after load() applies to later queries");
    } finally {
      spark.conf().unset("spark.sql.files.maxPartitionBytes");
    }
  }

  @Test
  void writingFailsWithAnUnsupportedFeatureError() {
    Path out = Fixtures.scratch("write-attempt");
    Exception e = assertThrows(Exception.class,
        () -> videos(video.toString()).select("frame_index").write().format("video").mode("overwrite")
            .save(out.toString()));
    assertFalse(e.getMessage().contains("INTERNAL_ERROR"), e.getMessage());
    assertTrue(e instanceof org.apache.spark.SparkThrowable t
        && "DATA_SOURCE_BATCH_WRITE_NOT_SUPPORTED".equals(t.getCondition()), e.toString());
  }

  @Test
  void readsListOncePerDataFrameInParallelAboveSparksThreshold() throws IOException {
    Path many = Fixtures.scratch("many-dirs");
    for (int i = 0; i < 200; i++) {
      Path d = Files.createDirectories(many.resolve("batch=" + i));
      if (!Files.exists(d.resolve("v.mp4"))) {
        Files.createLink(d.resolve("v.mp4"), video);
      }
    }
    CountingFileSystem.settings(0).forEach((k, v) -> spark.conf().set(k, v));
    JobCounter jobs = new JobCounter();
    spark.sparkContext().addSparkListener(jobs);
    try {
      long start = CountingFileSystem.listings();
      Dataset<Row> df = videos(CountingFileSystem.uri(many));
      long listed = CountingFileSystem.listings() - start;
      assertTrue(listed >= 200, "every directory listed at load(): " + listed);
      assertTrue(jobs.listingJobs.get() >= 1, "above spark.sql.sources.parallelPartitionDiscovery.threshold"
          + " the listing is a Spark job");
      long afterLoad = CountingFileSystem.listings();
      df.select("frame_index").queryExecution().executedPlan();
      df.where(col("batch").equalTo(7)).select("pts").queryExecution().executedPlan();
      df.where(col("_metadata.file_name").equalTo("v.mp4")).select("path").queryExecution().executedPlan();
      assertEquals(afterLoad, CountingFileSystem.listings(), "later queries on the DataFrame list nothing");
    } finally {
      spark.sparkContext().removeSparkListener(jobs);
      CountingFileSystem.settings(0).keySet().forEach(k -> spark.conf().unset(k));
    }
  }

  /** Counts Spark jobs that list files (Spark describes them as listing leaf files and directories). */
  private static final class JobCounter extends org.apache.spark.scheduler.SparkListener {
    final java.util.concurrent.atomic.AtomicInteger listingJobs = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
      String description = start.properties() == null ? null
          : start.properties().getProperty("spark.job.description");
      if (description != null && description.contains("Listing leaf files and directories")) {
        listingJobs.incrementAndGet();
      }
    }
  }

  static List<String> sorted(List<Row> rows) {
    return rows.stream().map(Row::toString).sorted().collect(Collectors.toList());
  }
}
