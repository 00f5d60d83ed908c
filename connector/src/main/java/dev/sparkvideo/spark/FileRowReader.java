package dev.sparkvideo.spark;

import dev.sparkvideo.io.ReadStatistics;
import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.execution.datasources.PartitionedFile;

/**
 * The part of every reader of one planned file (or part of a file) that deals with the file: opening it lazily, the
 * storage metrics, and closing it whatever happens. A failure is thrown on, to Spark's file partition reader, which
 * applies {@code ignoreCorruptFiles} and {@code ignoreMissingFiles} and wraps it in Spark's {@code FAILED_READ_FILE}
 * errors; a file that failed counts in the corrupt-files metric (which survives only when Spark skipped it).
 * Subclasses turn the opened video into rows.
 */
abstract class FileRowReader implements PartitionReader<InternalRow> {
  protected final PartitionedFile file;
  /** The file's path, as the {@code path} column gives it. */
  protected final String path;
  private final OpenedVideo.Opener opener;
  private OpenedVideo opened;
  private boolean done;
  private boolean closed;
  private long bytesRead;
  private long readCalls;
  private long seeks;
  private long corruptFiles;

  FileRowReader(PartitionedFile file, OpenedVideo.Opener opener) {
    this.file = file;
    this.path = file.toPath().toString();
    this.opener = opener;
  }

  /** Called once the file is open; may throw like any read. */
  protected abstract void start(OpenedVideo video) throws IOException;

  /** Moves to the next row; false at the end. */
  protected abstract boolean advance() throws IOException;

  /** Releases what the subclass holds (readers of the file); called before the file closes. */
  protected abstract void release();

  /** Task metrics of the subclass, added to the storage metrics. */
  protected abstract CustomTaskMetric[] rowMetrics();

  protected VideoReadOptions options() {
    return opener.options();
  }

  /**
   * Opens the file and reads its header, as Spark's file readers do when they are built: a missing file then fails
   * where Spark's {@code ignoreMissingFiles} expects it, and an unreadable one where {@code ignoreCorruptFiles} does.
   * Everything opened is released before a failure is thrown.
   *
   * @return this reader
   */
  final FileRowReader open() throws IOException {
    guarded(() -> {
      opened = opener.open(file);
      start(opened);
      return true;
    });
    return this;
  }

  @Override
  public final boolean next() throws IOException {
    if (done || closed) {
      return false;
    }
    if (opened == null) {
      open();
    }
    if (guarded(this::advance)) {
      return true;
    }
    finish();
    return false;
  }

  /** A read step that on any failure releases the file, counts it as corrupt (unless it is missing) and rethrows. */
  private boolean guarded(Step step) throws IOException {
    try {
      return step.run();
    } catch (IOException | RuntimeException | Error e) {
      if (!(e instanceof FileNotFoundException)) {
        corruptFiles = 1;
      }
      try {
        finish();
      } catch (IOException | RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /** One step of reading. */
  @FunctionalInterface
  private interface Step {
    boolean run() throws IOException;
  }

  private void finish() throws IOException {
    done = true;
    releaseAll();
  }

  private void releaseAll() throws IOException {
    try {
      release();
    } finally {
      OpenedVideo o = opened;
      opened = null;
      if (o != null) {
        snapshot(o.statistics());
        o.close();
      }
    }
  }

  private void snapshot(ReadStatistics stats) {
    bytesRead = stats.bytesRead();
    readCalls = stats.readCalls();
    seeks = stats.seeks();
  }

  @Override
  public final CustomTaskMetric[] currentMetricsValues() {
    if (opened != null) {
      snapshot(opened.statistics());
    }
    CustomTaskMetric[] rows = rowMetrics();
    CustomTaskMetric[] out = new CustomTaskMetric[rows.length + 4];
    out[0] = VideoMetrics.task(VideoMetrics.BYTES_READ, bytesRead);
    out[1] = VideoMetrics.task(VideoMetrics.READ_CALLS, readCalls);
    out[2] = VideoMetrics.task(VideoMetrics.SEEKS, seeks);
    out[3] = VideoMetrics.task(VideoMetrics.CORRUPT_FILES, corruptFiles);
    System.arraycopy(rows, 0, out, 4, rows.length);
    return out;
  }

  /** Frees every native resource of this file. Idempotent. */
  @Override
  public final void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    releaseAll();
  }
}
