package dev.sparkvideo.io;

import java.io.IOException;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.functional.FutureIO;

/**
 * A {@link SeekableInput} over a Hadoop {@link FSDataInputStream}: local files, HDFS, S3A, or any other Hadoop
 * FileSystem.
 *
 * <p>Every read is a positioned read ({@code PositionedReadable.read(long, ...)}), so no stream state is shared
 * between reads. The length comes from the {@link FileStatus}: opening from a status already listed costs no extra
 * round trip to storage (S3A skips its HEAD request). The stream is opened through {@code FileSystem.openFile} with
 * the {@value #DEFAULT_READ_POLICY} read policy, because a demuxer jumps between the header and the frames it needs.
 */
public final class HadoopSeekableInput implements SeekableInput {

  /** The Hadoop {@code fs.option.openfile.read.policy} used unless another is given. */
  public static final String DEFAULT_READ_POLICY = Options.OpenFileOptions.FS_OPTION_OPENFILE_READ_POLICY_RANDOM;

  private final String name;
  private final long length;
  private final ReadStatistics statistics = new ReadStatistics();
  private FSDataInputStream stream;

  private HadoopSeekableInput(String name, long length, FSDataInputStream stream) {
    this.name = name;
    this.length = length;
    this.stream = stream;
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
    return new HadoopSeekableInput(status.getPath().toString(), status.getLen(), stream);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long length() {
    return length;
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
    int n = stream.read(position, buffer, offset, wanted);
    statistics.recordRead(position, Math.max(n, 0));
    return n;
  }

  @Override
  public ReadStatistics statistics() {
    return statistics;
  }

  @Override
  public void close() throws IOException {
    FSDataInputStream s = stream;
    stream = null;
    if (s != null) {
      s.close();
    }
  }

  @Override
  public String toString() {
    return "HadoopSeekableInput{" + name + ", length=" + length + "}";
  }
}
