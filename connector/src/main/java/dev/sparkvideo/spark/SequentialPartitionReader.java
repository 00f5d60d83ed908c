package dev.sparkvideo.spark;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;

/**
 * Reads the slices of a packed partition one after the other, each with its own reader, closing each before opening
 * the next; task metrics are the sums over all of them.
 */
final class SequentialPartitionReader implements PartitionReader<InternalRow> {
  private final Iterator<FileSlice> slices;
  private final Function<FileSlice, PartitionReader<InternalRow>> open;
  private final Map<String, Long> finished = new LinkedHashMap<>();
  private PartitionReader<InternalRow> current;
  private boolean closed;

  SequentialPartitionReader(List<FileSlice> slices, Function<FileSlice, PartitionReader<InternalRow>> open) {
    this.slices = slices.iterator();
    this.open = open;
  }

  @Override
  public boolean next() throws IOException {
    while (!closed) {
      if (current == null) {
        if (!slices.hasNext()) {
          return false;
        }
        current = open.apply(slices.next());
      }
      if (current.next()) {
        return true;
      }
      closeCurrent();
    }
    return false;
  }

  @Override
  public InternalRow get() {
    return current.get();
  }

  private void closeCurrent() throws IOException {
    PartitionReader<InternalRow> reader = current;
    current = null;
    if (reader != null) {
      try {
        reader.close();
      } finally {
        for (CustomTaskMetric m : reader.currentMetricsValues()) {
          finished.merge(m.name(), m.value(), Long::sum);
        }
      }
    }
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    Map<String, Long> sums = new LinkedHashMap<>(finished);
    if (current != null) {
      for (CustomTaskMetric m : current.currentMetricsValues()) {
        sums.merge(m.name(), m.value(), Long::sum);
      }
    }
    return sums.entrySet().stream().map(e -> VideoMetrics.task(e.getKey(), e.getValue()))
        .toArray(CustomTaskMetric[]::new);
  }

  /** Closes the slice being read. Idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    closeCurrent();
  }
}
