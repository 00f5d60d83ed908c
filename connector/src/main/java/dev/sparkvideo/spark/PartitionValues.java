package dev.sparkvideo.spark;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.StructType;

/** A partition directory's values, cut down to the partition columns a query reads, in the order it reads them. */
final class PartitionValues {
  private final StructType all;
  private final StructType read;
  private final int[] positions;

  PartitionValues(StructType all, StructType read) {
    this.all = all;
    this.read = read;
    this.positions = new int[read.length()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = all.fieldIndex(read.fields()[i].name());
    }
  }

  InternalRow project(InternalRow values) {
    if (read.length() == all.length()) {
      return values;
    }
    Object[] out = new Object[positions.length];
    for (int i = 0; i < positions.length; i++) {
      out[i] = values.isNullAt(positions[i]) ? null : values.get(positions[i], read.fields()[i].dataType());
    }
    return new GenericInternalRow(out);
  }
}
