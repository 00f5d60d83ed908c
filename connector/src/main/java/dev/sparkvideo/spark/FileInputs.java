package dev.sparkvideo.spark;

import dev.sparkvideo.io.HadoopSeekableInput;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.execution.datasources.PartitionedFile;

/**
 * Opens planned files for reading: from what the listing said of them (no status request), with Hadoop's random
 * read policy, and with the first and last bytes asked for at once ({@link HadoopSeekableInput#prefetchEnds}).
 */
final class FileInputs {
  private FileInputs() {}

  /** The FileSystem of a planned file, resolved on the task's thread (its user and credentials). */
  static FileSystem fileSystem(PartitionedFile file, Configuration conf) throws IOException {
    return file.toPath().getFileSystem(conf);
  }

  /**
   * Opens a planned file and starts fetching its first {@code head} and last {@code tail} bytes.
   *
   * @throws java.io.FileNotFoundException when it was deleted after planning
   * @throws IOException when the FileSystem fails
   */
  static HadoopSeekableInput open(FileSystem fs, PartitionedFile file, int head, int tail) throws IOException {
    Path path = file.toPath();
    FileStatus status = new FileStatus(file.fileSize(), false, 1, 0, file.modificationTime(), path);
    HadoopSeekableInput input = HadoopSeekableInput.open(fs, status, HadoopSeekableInput.DEFAULT_READ_POLICY);
    try {
      return input.prefetchEnds(head, tail);
    } catch (IOException | RuntimeException | Error e) {
      try {
        input.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }
}
