package dev.sparkvideo.spark;

import java.io.Serializable;
import org.apache.spark.sql.types.StructType;

/**
 * The shape of the rows a scan returns: the source's columns it reads, then Spark's {@code _metadata} struct when the
 * query asks for it, then the partition columns (appended by Spark's {@code PartitionReaderWithPartitionValues}).
 *
 * @param source the source's columns read (a pruned {@link VideoSchema})
 * @param fileMetadata the {@code _metadata} fields asked for, or {@code null}
 * @param partitions the partition columns read
 */
record RowLayout(StructType source, StructType fileMetadata, StructType partitions) implements Serializable {

  /** The columns the source's readers produce: {@link #source()} and {@code _metadata}, without the partitions. */
  StructType fileColumns() {
    return fileMetadata == null ? source
        : source.add(VideoSchema.FILE_METADATA_COLUMN, fileMetadata, false);
  }
}
