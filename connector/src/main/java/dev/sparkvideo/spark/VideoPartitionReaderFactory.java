package dev.sparkvideo.spark;

import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Sent to executors with the scan's settings; makes one reader per partition (reading a packed partition's files in
 * turn) and closes it when the task ends.
 */
final class VideoPartitionReaderFactory implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;

  private final Broadcast<SerializableConfiguration> configuration;
  private final VideoReadOptions options;
  private final StructType requiredSchema;
  private final FrameBounds bounds;
  private final Integer limit;
  private final ReadDepth depth;

  VideoPartitionReaderFactory(Broadcast<SerializableConfiguration> configuration, VideoReadOptions options,
      StructType requiredSchema, FrameBounds bounds, Integer limit, ReadDepth depth) {
    this.configuration = configuration;
    this.options = options;
    this.requiredSchema = requiredSchema;
    this.bounds = bounds;
    this.limit = limit;
    this.depth = depth;
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    List<FileSlice> slices = ((VideoInputPartition) partition).slices();
    OpenedVideo.Opener opener = new OpenedVideo.Opener(configuration.value().value(), options,
        options.ioBufferSize(readsWholeFiles()));
    PartitionReader<InternalRow> reader = slices.size() == 1 ? open(slices.get(0), opener)
        : new SequentialPartitionReader(slices, slice -> open(slice, opener));
    TaskContext task = TaskContext.get();
    if (task != null) {
      // Spark closes readers too; closing is idempotent, and this also covers cancelled and failed tasks.
      task.addTaskCompletionListener((TaskCompletionListener) context -> close(reader));
    }
    return reader;
  }

  /** Whether every byte of each file (or slice) is read: frames decoded or demuxed with no range, limit or cap. */
  private boolean readsWholeFiles() {
    return options.mode() == VideoReadOptions.Mode.FRAMES && depth != ReadDepth.HEADER && !bounds.rangeBounded()
        && options.startSeconds() == null && options.endSeconds() == null && limit == null
        && options.maxFramesPerFile() == null;
  }

  private PartitionReader<InternalRow> open(FileSlice slice, OpenedVideo.Opener opener) {
    return options.mode() == VideoReadOptions.Mode.METADATA
        ? new MetadataPartitionReader(slice.file(), opener, requiredSchema)
        : new FramePartitionReader(slice, opener, options, requiredSchema, bounds, limit, depth);
  }

  private static void close(PartitionReader<InternalRow> reader) {
    try {
      reader.close();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
