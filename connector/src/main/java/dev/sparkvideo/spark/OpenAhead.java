package dev.sparkvideo.spark;

import dev.sparkvideo.io.HadoopSeekableInput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.execution.datasources.PartitionedFile;

/**
 * The inputs of a partition's files, the next few opened in the background while the current one is read
 * ({@link OpeningFile}), so that a task reading many small files (or a few frames of each) waits for storage once
 * per batch of files rather than a few round trips per file. How much of each end to fetch comes from
 * {@link EndSizes}: what earlier files of the same kind used; files already being opened are widened when it grows.
 *
 * <p>Files are taken in the partition's order (Spark's file partition reader reads them so); a file asked for out of
 * that order is opened on the spot. Each input belongs to this object until it is taken, and to the taker after;
 * {@link #close} closes every input not taken, including those still being opened (when they finish).
 */
final class OpenAhead implements AutoCloseable {
  private final List<PartitionedFile> files;
  private final Configuration conf;
  private final int depth;
  private final Deque<OpeningFile> opening = new ArrayDeque<>();
  private final EndSizes sizes;
  private int scheduled;
  private boolean closed;

  /**
   * @param files the partition's files in reading order
   * @param endBytes the bytes of each end to fetch
   * @param depth how many files ahead of the current one to open, at least 1
   */
  OpenAhead(List<PartitionedFile> files, Configuration conf, int endBytes, int depth) {
    this.files = files;
    this.conf = conf;
    this.depth = depth;
    this.sizes = new EndSizes(endBytes);
  }

  /**
   * The input of {@code file}, opened ahead if it is the partition's next file, and the opening of the files after
   * it started.
   *
   * @throws java.io.FileNotFoundException when it was deleted after planning
   * @throws IOException when the FileSystem failed to open it or to fetch its ends
   */
  HadoopSeekableInput take(PartitionedFile file) throws IOException {
    OpeningFile found = null;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("The partition's inputs are closed");
      }
      String grown = sizes.learnFromLast();
      if (grown != null) {
        for (OpeningFile o : opening) {
          if (EndSizes.kind(o.file()).equals(grown)) {
            o.want(sizes.of(o.file()));
          }
        }
      }
      if (opening.stream().anyMatch(o -> o.file() == file)) {
        while (found == null) {
          OpeningFile o = opening.pollFirst();
          if (o.file() == file) {
            found = o;
          } else {
            o.abandon(); // skipped by the caller
          }
        }
      } else {
        int index = indexOf(file);
        if (index >= scheduled) {
          while (!opening.isEmpty()) {
            opening.pollFirst().abandon();
          }
          scheduled = index + 1;
        }
      }
      scheduleAhead();
    }
    HadoopSeekableInput input = found != null ? found.take() : open(FileInputs.fileSystem(file, conf), file);
    synchronized (this) {
      sizes.taken(file, input);
    }
    return input;
  }

  private HadoopSeekableInput open(FileSystem fs, PartitionedFile file) throws IOException {
    int[] ends = sizes.of(file);
    return FileInputs.open(fs, file, ends[0], ends[1]);
  }

  private int indexOf(PartitionedFile file) {
    for (int i = 0; i < files.size(); i++) {
      if (files.get(i) == file) {
        return i;
      }
    }
    return -1;
  }

  private void scheduleAhead() throws IOException {
    while (opening.size() < depth && scheduled < files.size()) {
      PartitionedFile file = files.get(scheduled++);
      int[] ends = sizes.of(file);
      opening.addLast(OpeningFile.start(file, FileInputs.fileSystem(file, conf), ends[0], ends[1]));
    }
  }

  /** Closes every input not taken. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    while (!opening.isEmpty()) {
      opening.pollFirst().abandon();
    }
  }
}
