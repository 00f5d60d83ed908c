package dev.sparkvideo.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.testing.Fixtures;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;

class HadoopSeekableInputTest {
  private static final Path DIR = Fixtures.scratch("io");

  private static Path file(int size) throws IOException {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    return Files.write(DIR.resolve("data-" + size + ".bin"), bytes);
  }

  private static org.apache.hadoop.fs.Path hadoop(Path p) {
    return new org.apache.hadoop.fs.Path(p.toUri());
  }

  @Test
  void positionedReadsReturnTheFileBytesAndAreCounted() throws IOException {
    Path p = file(100_000);
    byte[] expected = Files.readAllBytes(p);
    try (HadoopSeekableInput in = HadoopSeekableInput.open(hadoop(p), new Configuration())) {
      assertEquals(100_000, in.length());
      assertTrue(in.name().startsWith("file:"), in.name());
      byte[] buf = new byte[1000];
      assertEquals(1000, in.read(0, buf, 0, 1000));
      assertArrayEquals(Arrays.copyOfRange(expected, 0, 1000), buf);
      assertEquals(1000, in.read(1000, buf, 0, 1000), "sequential");
      assertEquals(500, in.read(50_000, buf, 500, 500), "a seek");
      assertArrayEquals(Arrays.copyOfRange(expected, 50_000, 50_500), Arrays.copyOfRange(buf, 500, 1000));
      assertEquals(100, in.read(99_900, buf, 0, 1000), "short read at the end");
      assertEquals(-1, in.read(100_000, buf, 0, 1000), "EOF");
      ReadStatistics stats = in.statistics();
      assertEquals(2600, stats.bytesRead());
      assertEquals(5, stats.readCalls());
      assertEquals(2, stats.seeks(), "the jumps to 50,000 and 99,900; reading on from 100,000 is not a seek");
    }
  }

  @Test
  void openFromListedStatusKnowsTheLength() throws IOException {
    Path p = file(4096);
    Configuration conf = new Configuration();
    FileSystem fs = hadoop(p).getFileSystem(conf);
    FileStatus status = fs.getFileStatus(hadoop(p));
    try (HadoopSeekableInput in = HadoopSeekableInput.open(status, conf)) {
      assertEquals(4096, in.length());
      byte[] buf = new byte[4096];
      assertEquals(4096, in.read(0, buf, 0, 4096));
    }
  }

  @Test
  void missingFilesAndDirectoriesFail() throws IOException {
    Configuration conf = new Configuration();
    assertThrows(FileNotFoundException.class,
        () -> HadoopSeekableInput.open(hadoop(DIR.resolve("missing.mp4")), conf));
    IOException e = assertThrows(IOException.class, () -> HadoopSeekableInput.open(hadoop(DIR), conf));
    assertTrue(e.getMessage().contains("Not a file"), e.getMessage());
  }

  @Test
  void closeIsIdempotentAndReadsAfterCloseFail() throws IOException {
    HadoopSeekableInput in = HadoopSeekableInput.open(hadoop(file(10)), new Configuration());
    in.close();
    in.close();
    assertThrows(IllegalStateException.class, () -> in.read(0, new byte[1], 0, 1));
  }

  @Test
  void prefetchedEndsServeTheFileBytesAndCountOnce() throws IOException {
    Path p = file(100_000);
    byte[] expected = Files.readAllBytes(p);
    try (HadoopSeekableInput in = HadoopSeekableInput.open(hadoop(p), new Configuration()).prefetchEnds(10_000)) {
      ReadStatistics stats = in.statistics();
      assertEquals(20_000, stats.bytesRead(), "both ends, counted when asked for");
      assertEquals(2, stats.readCalls());
      byte[] buf = new byte[30_000];
      assertEquals(10_000, in.read(0, buf, 0, 30_000), "the head, up to its end");
      assertArrayEquals(Arrays.copyOfRange(expected, 0, 10_000), Arrays.copyOf(buf, 10_000));
      assertEquals(20_000, stats.bytesRead(), "served from the prefetched head");
      assertEquals(10_000, in.read(80_000, buf, 0, 30_000), "a read outside stops where the tail starts");
      assertArrayEquals(Arrays.copyOfRange(expected, 80_000, 90_000), Arrays.copyOf(buf, 10_000));
      assertEquals(30_000, stats.bytesRead());
      assertEquals(10_000, in.read(90_000, buf, 0, 30_000), "the tail, to the end of the file");
      assertArrayEquals(Arrays.copyOfRange(expected, 90_000, 100_000), Arrays.copyOf(buf, 10_000));
      assertEquals(-1, in.read(100_000, buf, 0, 10));
      assertEquals(30_000, stats.bytesRead());
    }
  }

  @Test
  void widenedEndsFetchOnlyWhatIsMissingUntilTheyMeet() throws IOException {
    Path p = file(100_000);
    byte[] expected = Files.readAllBytes(p);
    try (HadoopSeekableInput in = HadoopSeekableInput.open(hadoop(p), new Configuration()).prefetchEnds(10_000)) {
      in.prefetchEnds(30_000, 5_000);
      assertEquals(40_000, in.statistics().bytesRead(), "20,000 more at the head, nothing more at the tail");
      in.prefetchEnds(60_000, 60_000);
      assertEquals(100_000, in.statistics().bytesRead(), "the ends met: the gap once");
      in.awaitPrefetch();
      byte[] all = new byte[100_000];
      int done = 0;
      while (done < all.length) {
        done += in.read(done, all, done, all.length - done);
      }
      assertArrayEquals(expected, all);
      assertEquals(100_000, in.statistics().bytesRead(), "every byte served from the prefetched ranges");
      assertEquals(100_000, in.extents().head(), "read from the start without a gap");
      assertEquals(100_000, in.extents().tail(), "and in one run to the end");
    }
  }

  @Test
  void aFileNoLongerThanBothEndsIsPrefetchedWhole() throws IOException {
    Path p = file(15_000);
    byte[] expected = Files.readAllBytes(p);
    try (HadoopSeekableInput in = HadoopSeekableInput.open(hadoop(p), new Configuration()).prefetchEnds(10_000)) {
      in.awaitPrefetch();
      assertEquals(1, in.statistics().readCalls());
      byte[] buf = new byte[15_000];
      assertEquals(15_000, in.read(0, buf, 0, 15_000));
      assertArrayEquals(expected, buf);
      assertEquals(15_000, in.statistics().bytesRead());
    }
  }

  @Test
  void aFileShorterThanItsListingFailsWhenItsEndsArrive() throws IOException {
    Path p = file(50_000);
    Configuration conf = new Configuration();
    FileSystem fs = hadoop(p).getFileSystem(conf);
    FileStatus listed = fs.getFileStatus(hadoop(p));
    Files.write(p, new byte[20_000]);
    try (HadoopSeekableInput in = HadoopSeekableInput.open(fs, listed, HadoopSeekableInput.DEFAULT_READ_POLICY)) {
      in.prefetchEnds(10_000);
      assertThrows(IOException.class, in::awaitPrefetch);
      assertThrows(IOException.class, () -> in.read(45_000, new byte[10], 0, 10));
    }
  }

  @Test
  void readsOfAChecksummedLocalFileReuseTheOpenStreamAndReturnItsBytes() throws IOException {
    CountingRawFileSystem raw = new CountingRawFileSystem();
    try (LocalFileSystem fs = checksummed(raw)) {
      org.apache.hadoop.fs.Path p = hadoop(DIR.resolve("checksummed.bin"));
      byte[] expected = write(fs, p, 300_000);
      assertTrue(fs.exists(fs.getChecksumFile(p)), "written with a checksum file");
      long opensBefore = raw.opens.get();
      try (HadoopSeekableInput in = HadoopSeekableInput.open(fs, fs.getFileStatus(p),
          HadoopSeekableInput.DEFAULT_READ_POLICY)) {
        byte[] buf = new byte[5000];
        long[] positions = {0, 5000, 200_000, 1234, 299_000, 150_001, 10_000};
        for (long position : positions) {
          int n = in.read(position, buf, 0, buf.length);
          int wanted = (int) Math.min(buf.length, expected.length - position);
          assertTrue(n > 0 && n <= wanted, "read at " + position + " returned " + n);
          assertArrayEquals(Arrays.copyOfRange(expected, (int) position, (int) position + n),
              Arrays.copyOf(buf, n), "bytes at " + position);
        }
        assertEquals(positions.length, in.statistics().readCalls());
      }
      // The data file and its checksum file, once each, whatever the number of reads (a positioned read of a
      // ChecksumFileSystem stream opens both again).
      assertEquals(2, raw.opens.get() - opensBefore);
    }
  }

  @Test
  void aChecksummedLocalFileWhoseBytesChangedFailsTheRead() throws IOException {
    try (LocalFileSystem fs = checksummed(new CountingRawFileSystem())) {
      org.apache.hadoop.fs.Path p = hadoop(DIR.resolve("corrupted.bin"));
      write(fs, p, 20_000);
      try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(DIR.resolve("corrupted.bin").toFile(), "rw")) {
        file.seek(12_345);
        int b = file.read();
        file.seek(12_345);
        file.write(b ^ 0xff);
      }
      try (HadoopSeekableInput in = HadoopSeekableInput.open(fs, fs.getFileStatus(p),
          HadoopSeekableInput.DEFAULT_READ_POLICY)) {
        assertThrows(ChecksumException.class, () -> in.read(12_000, new byte[1000], 0, 1000));
      }
    }
  }

  /** Hadoop's local file system, checksummed, over a raw one that counts the files it opens. */
  private static LocalFileSystem checksummed(CountingRawFileSystem raw) throws IOException {
    LocalFileSystem fs = new LocalFileSystem(raw);
    fs.initialize(URI.create("file:///"), new Configuration());
    return fs;
  }

  private static byte[] write(FileSystem fs, org.apache.hadoop.fs.Path p, int size) throws IOException {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 13 + 5);
    }
    try (FSDataOutputStream out = fs.create(p, true)) {
      out.write(bytes);
    }
    return bytes;
  }

  /** The raw local file system, counting the files opened through it. */
  private static final class CountingRawFileSystem extends RawLocalFileSystem {
    final AtomicLong opens = new AtomicLong();

    @Override
    public FSDataInputStream open(org.apache.hadoop.fs.Path f, int bufferSize) throws IOException {
      opens.incrementAndGet();
      return super.open(f, bufferSize);
    }
  }
}
