package dev.sparkvideo.spark;

import dev.sparkvideo.ffmpeg.VideoException;
import dev.sparkvideo.io.ReadStatistics;
import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of every partition reader that deals with the file: opening it lazily, {@code ignoreMissingFiles} and
 * {@code ignoreCorruptFiles} in one place (rethrowing with the file's path otherwise), the storage metrics, and
 * closing. Subclasses turn the opened video into rows.
 */
abstract class FileRowReader implements PartitionReader<InternalRow> {
  private static final Logger LOG = LoggerFactory.getLogger(FileRowReader.class);

  protected final ListedFile file;
  private final OpenedVideo.Opener opener;
  private OpenedVideo opened;
  private boolean done;
  private boolean closed;
  private long bytesRead;
  private long readCalls;
  private long seeks;
  private long corruptFiles;

  FileRowReader(ListedFile file, OpenedVideo.Opener opener) {
    this.file = file;
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

  @Override
  public final boolean next() throws IOException {
    if (done || closed) {
      return false;
    }
    try {
      if (opened == null) {
        opened = opener.open(file);
        start(opened);
      }
      if (advance()) {
        return true;
      }
      finish();
      return false;
    } catch (FileNotFoundException e) {
      if (options().ignoreMissingFiles()) {
        LOG.warn("Skipped missing file {}: {}", file.path(), e.getMessage());
        finish();
        return false;
      }
      throw e;
    } catch (IOException | RuntimeException e) {
      if (options().ignoreCorruptFiles()) {
        LOG.warn("Skipped the rest of corrupt file {}: {}", file.path(), e.getMessage());
        corruptFiles = 1;
        finish();
        return false;
      }
      if (e instanceof VideoException || String.valueOf(e.getMessage()).contains(file.path())) {
        throw e;
      }
      throw new IOException("Cannot read video " + file.path() + ": " + e, e);
    }
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

  /** Frees every native resource of this partition. Idempotent. */
  @Override
  public final void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    releaseAll();
  }
}
