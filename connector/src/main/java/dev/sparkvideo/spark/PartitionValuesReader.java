package dev.sparkvideo.spark;

import java.io.IOException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;

/**
 * A file's rows with its partition values after them. Spark's {@code PartitionReaderWithPartitionValues} does the same
 * through an unsafe projection, which copies each row (each frame's pixels) once more before Spark's scan copies it
 * again, and does not pass on the reader's task metrics; a joined row costs neither.
 */
final class PartitionValuesReader implements PartitionReader<InternalRow> {
  private final PartitionReader<InternalRow> reader;
  private final InternalRow partitionValues;
  private final JoinedRow joined = new JoinedRow();

  PartitionValuesReader(PartitionReader<InternalRow> reader, InternalRow partitionValues) {
    this.reader = reader;
    this.partitionValues = partitionValues;
  }

  @Override
  public boolean next() throws IOException {
    return reader.next();
  }

  @Override
  public InternalRow get() {
    return joined.apply(reader.get(), partitionValues);
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    return reader.currentMetricsValues();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
