package dev.sparkvideo.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.io.HadoopSeekableInput;
import dev.sparkvideo.testing.CountingFileSystem;
import dev.sparkvideo.testing.Fixtures;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.paths.SparkPath;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.datasources.PartitionedFile;
import org.junit.jupiter.api.Test;

class OpenAheadTest {
  private static final long LATENCY_MS = 40;
  /** Ends of one grain ({@link EndSizes}), more than the head a test reads: nothing learned, nothing widened. */
  private static final int END_BYTES = 64 << 10;
  private static final int HEAD_BYTES = 1000;
  private static final Path DIR = Fixtures.scratch("open-ahead");
  /** The files of the test that counts requests, apart: inputs other tests leave opening never count there. */
  private static final Path COUNTED = Fixtures.scratch("open-ahead-counted");

  private static Configuration conf() {
    Configuration conf = new Configuration();
    CountingFileSystem.requestSettings(LATENCY_MS).forEach(conf::set);
    return conf;
  }

  private static List<PartitionedFile> files(int count, int size) throws IOException {
    return files(DIR, count, size);
  }

  private static List<PartitionedFile> files(Path dir, int count, int size) throws IOException {
    List<PartitionedFile> files = new ArrayList<>();
    for (int f = 0; f < count; f++) {
      byte[] bytes = new byte[size];
      for (int i = 0; i < size; i++) {
        bytes[i] = (byte) (i * 7 + f);
      }
      Path p = Files.write(dir.resolve("f" + f + "-" + size + ".bin"), bytes);
      files.add(planned(p, size));
    }
    return files;
  }

  private static PartitionedFile planned(Path p, long size) {
    return new PartitionedFile(InternalRow.empty(), SparkPath.fromUrlString(CountingFileSystem.uri(p)), 0, size,
        new String[0], 0, size, scala.collection.immutable.Map$.MODULE$.empty());
  }

  private static byte[] head(HadoopSeekableInput in) throws IOException {
    byte[] buf = new byte[HEAD_BYTES];
    assertEquals(HEAD_BYTES, in.read(0, buf, 0, HEAD_BYTES));
    return buf;
  }

  private static byte[] expectedHead(int f) {
    byte[] bytes = new byte[HEAD_BYTES];
    for (int i = 0; i < HEAD_BYTES; i++) {
      bytes[i] = (byte) (i * 7 + f);
    }
    return bytes;
  }

  @Test
  void filesTakenInOrderAreOpenedAheadInOverlappingRequests() throws Exception {
    List<PartitionedFile> files = files(COUNTED, 9, 200_000);
    CountingFileSystem.resetRequests();
    try (OpenAhead ahead = new OpenAhead(files, conf(), END_BYTES, 8)) {
      for (int f = 0; f < files.size(); f++) {
        try (HadoopSeekableInput in = ahead.take(files.get(f))) {
          assertArrayEquals(expectedHead(f), head(in), "file " + f);
        }
      }
    }
    // The last file's tail may still be on its way on another thread: counted once it is over.
    assertEquals(27, CountingFileSystem.requests(COUNTED), "an open and two ends per file");
    int trips = CountingFileSystem.roundTrips(COUNTED);
    assertTrue(trips <= 6, "one after the other, 9 files would take 18 round trips; took " + trips);
  }

  @Test
  void closingReleasesEveryInputNotTaken() throws Exception {
    List<PartitionedFile> files = files(6, 10_000);
    long before = CountingFileSystem.openStreams();
    OpenAhead ahead = new OpenAhead(files, conf(), END_BYTES, 4);
    ahead.take(files.get(0)).close();
    ahead.close();
    ahead.close();
    for (int i = 0; i < 100 && CountingFileSystem.openStreams() > before; i++) {
      Thread.sleep(20); // the opens under way close their inputs when they finish
    }
    assertEquals(before, CountingFileSystem.openStreams(), "every input opened ahead is closed");
    assertThrows(IllegalStateException.class, () -> ahead.take(files.get(1)));
  }

  @Test
  void aFileMissingWhenItsTurnComesFailsAsMissing() throws IOException {
    List<PartitionedFile> files = new ArrayList<>(files(2, 5_000));
    files.add(1, planned(DIR.resolve("deleted.bin"), 5_000));
    try (OpenAhead ahead = new OpenAhead(files, conf(), END_BYTES, 4)) {
      ahead.take(files.get(0)).close();
      assertThrows(FileNotFoundException.class, () -> ahead.take(files.get(1)));
      try (HadoopSeekableInput in = ahead.take(files.get(2))) {
        assertArrayEquals(expectedHead(1), head(in), "the file after it");
      }
    }
  }

  @Test
  void aFileAskedForOutOfOrderIsOpenedOnTheSpot() throws IOException {
    List<PartitionedFile> files = files(4, 5_000);
    try (OpenAhead ahead = new OpenAhead(files, conf(), END_BYTES, 2)) {
      try (HadoopSeekableInput in = ahead.take(files.get(2))) {
        assertArrayEquals(expectedHead(2), head(in));
      }
      try (HadoopSeekableInput in = ahead.take(files.get(0))) {
        assertArrayEquals(expectedHead(0), head(in), "an earlier file, again");
      }
      try (HadoopSeekableInput in = ahead.take(files.get(3))) {
        assertArrayEquals(expectedHead(3), head(in));
      }
    }
  }
}
