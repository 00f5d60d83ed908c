package dev.sparkvideo.io;

import java.io.IOException;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSInputChecker;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.functional.FutureIO;

/**
 * A {@link SeekableInput} over a Hadoop {@link FSDataInputStream}: local files, HDFS, S3A, or any other Hadoop
 * FileSystem.
 *
 * <p>Reads are positioned reads ({@code PositionedReadable.read(long, ...)}), except on a checksummed stream (Hadoop's
 * local file system and other {@code ChecksumFileSystem}s), whose positioned read opens the file again each time,
 * with a status call and a look for its checksum file: a round trip or more per read on a mounted network file
 * system. There the open stream seeks and reads, checksums verified as before. The file's two ends can be fetched
 * ahead in one vectored read ({@link #prefetchEnds}), which leaves the stream's position alone. The length
 * comes from the {@link FileStatus}: opening from a status already listed costs no extra round trip to storage (S3A
 * skips its HEAD request). The stream is opened through {@code FileSystem.openFile} with the
 * {@value #DEFAULT_READ_POLICY} read policy, because a demuxer jumps between the header and the frames it needs.
 */
public final class HadoopSeekableInput implements SeekableInput {

  /** The Hadoop {@code fs.option.openfile.read.policy} used unless another is given. */
  public static final String DEFAULT_READ_POLICY = Options.OpenFileOptions.FS_OPTION_OPENFILE_READ_POLICY_RANDOM;

  private final String name;
  private final long length;
  private final String version;
  private final ReadStatistics statistics = new ReadStatistics();
  private final ReadExtents extents;
  private final boolean seekThenRead;
  private FSDataInputStream stream;
  private PrefetchedEnds ends;

  private HadoopSeekableInput(String name, long length, long modificationTime, FSDataInputStream stream) {
    this.name = name;
    this.length = length;
    this.version = modificationTime > 0 ? name + "@" + length + "@" + modificationTime : null;
    this.stream = stream;
    this.extents = new ReadExtents(length);
    this.seekThenRead = stream.getWrappedStream() instanceof FSInputChecker;
  }

  /**
   * Opens a file by path, asking the FileSystem for its status first.
   *
   * @throws java.io.FileNotFoundException when the file does not exist
   * @throws IOException when the FileSystem fails
   */
  public static HadoopSeekableInput open(Path path, Configuration conf) throws IOException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(conf, "conf");
    FileSystem fs = path.getFileSystem(conf);
    return open(fs, fs.getFileStatus(path), DEFAULT_READ_POLICY);
  }

  /**
   * Opens a file whose status is already known (from a listing), without another metadata request.
   *
   * @throws java.io.FileNotFoundException when the file no longer exists
   * @throws IOException when the FileSystem fails
   */
  public static HadoopSeekableInput open(FileStatus status, Configuration conf) throws IOException {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(conf, "conf");
    return open(status.getPath().getFileSystem(conf), status, DEFAULT_READ_POLICY);
  }

  /**
   * Opens a file whose status is known, with a chosen Hadoop read policy ({@code random}, {@code sequential},
   * {@code adaptive}, {@code vector}, ...; a comma-separated list picks the first the FileSystem knows).
   *
   * @throws IOException when the FileSystem fails
   */
  public static HadoopSeekableInput open(FileSystem fs, FileStatus status, String readPolicy) throws IOException {
    Objects.requireNonNull(fs, "fs");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(readPolicy, "readPolicy");
    if (!status.isFile()) {
      throw new IOException("Not a file: " + status.getPath());
    }
    FSDataInputStream stream = FutureIO.awaitFuture(fs.openFile(status.getPath())
        .withFileStatus(status)
        .opt(Options.OpenFileOptions.FS_OPTION_OPENFILE_READ_POLICY, readPolicy)
        .build());
    return new HadoopSeekableInput(status.getPath().toString(), status.getLen(), status.getModificationTime(),
        stream);
  }

  /**
   * Starts fetching the first and last {@code bytes} bytes of the file in one vectored read: {@link
   * #prefetchEnds(int, int)} with both sizes equal.
   *
   * @return this input
   * @throws IOException when the FileSystem refuses the read
   */
  public HadoopSeekableInput prefetchEnds(int bytes) throws IOException {
    return prefetchEnds(bytes, bytes);
  }

  /**
   * Starts fetching the first {@code headBytes} and the last {@code tailBytes} bytes of the file in one vectored
   * read, concurrently where the FileSystem can (S3A issues parallel GETs): the container header and, for many
   * files, the index at the end arrive in one round trip. Reads inside those ranges are then served from them
   * (waiting for them if needed); the bytes count as read once, here. Called again with larger sizes, it fetches
   * only the bytes still missing.
   *
   * @param headBytes the size of the first range, at least 1
   * @param tailBytes the size of the last range, at least 1; a file no longer than both is fetched whole
   * @return this input
   * @throws IOException when the FileSystem refuses the read
   * @throws IllegalStateException when closed
   */
  public HadoopSeekableInput prefetchEnds(int headBytes, int tailBytes) throws IOException {
    if (headBytes < 1 || tailBytes < 1) {
      throw new IllegalArgumentException("range sizes must be at least 1, got " + headBytes + " and " + tailBytes);
    }
    if (stream == null) {
      throw new IllegalStateException("Input is closed: " + name);
    }
    if (length == 0) {
      return this;
    }
    if (ends == null) {
      ends = PrefetchedEnds.start(stream, length, headBytes, tailBytes, statistics);
    } else {
      ends.widen(stream, headBytes, tailBytes, statistics);
    }
    return this;
  }

  /**
   * Waits until the ranges {@link #prefetchEnds} asked for have arrived (nothing to wait for without them).
   *
   * @throws IOException when fetching them failed: the file is unreadable, or shorter than its listed length
   */
  public void awaitPrefetch() throws IOException {
    if (ends != null) {
      ends.await();
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long length() {
    return length;
  }

  /** The file's URI, length and modification time; {@code null} when the FileSystem gave no modification time. */
  @Override
  public String version() {
    return version;
  }

  @Override
  public int read(long position, byte[] buffer, int offset, int len) throws IOException {
    if (stream == null) {
      throw new IllegalStateException("Input is closed: " + name);
    }
    Objects.checkFromIndexSize(offset, len, buffer.length);
    if (position < 0) {
      throw new IllegalArgumentException("Negative position " + position + " in " + name);
    }
    if (position >= length || len == 0) {
      statistics.recordRead(position, 0);
      return position >= length ? -1 : 0;
    }
    int wanted = (int) Math.min(len, length - position);
    if (ends != null) {
      int served = ends.read(position, buffer, offset, wanted);
      if (served > 0) {
        extents.record(position, served);
        return served;
      }
      wanted = ends.before(position, wanted);
    }
    int n = seekThenRead
        ? seekAndRead(position, buffer, offset, wanted) : stream.read(position, buffer, offset, wanted);
    statistics.recordRead(position, Math.max(n, 0));
    extents.record(position, n);
    return n;
  }

  private synchronized int seekAndRead(long position, byte[] buffer, int offset, int len) throws IOException {
    if (stream.getPos() != position) {
      stream.seek(position);
    }
    return stream.read(buffer, offset, len);
  }

  @Override
  public ReadStatistics statistics() {
    return statistics;
  }

  /** How much of each end of the file the reads so far used, whether from storage or from prefetched ends. */
  public ReadExtents extents() {
    return extents;
  }

  @Override
  public void close() throws IOException {
    FSDataInputStream s = stream;
    stream = null;
    ends = null;
    if (s != null) {
      s.close();
    }
  }

  @Override
  public String toString() {
    return "HadoopSeekableInput{" + name + ", length=" + length + "}";
  }
}
