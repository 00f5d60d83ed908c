package dev.sparkvideo.spark;

import dev.sparkvideo.ffmpeg.ContainerMetadata;
import dev.sparkvideo.ffmpeg.StreamMetadata;
import java.util.function.Function;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.execution.datasources.FileFormat;
import org.apache.spark.sql.execution.datasources.PartitionedFile;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/** Builds Spark rows of any pruned shape from the core's metadata, field by field, by name. */
final class Rows {
  private Rows() {}

  /** A row of {@code type} whose fields come from {@code values} (Java values; strings become UTF8String). */
  static InternalRow struct(StructType type, Function<StructField, Object> values) {
    StructField[] fields = type.fields();
    Object[] out = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      out[i] = spark(values.apply(fields[i]));
    }
    return new GenericInternalRow(out);
  }

  static Object spark(Object value) {
    return value instanceof String s ? UTF8String.fromString(s) : value;
  }

  /** The value of a stream field, or for {@code container}, the container struct. */
  static Object stream(StreamMetadata s, ContainerMetadata c, StructField field) {
    switch (field.name()) {
      case VideoSchema.STREAM_INDEX:
        return s.streamIndex();
      case "media_type":
        return s.mediaType();
      case "codec":
        return s.codec();
      case "bit_rate":
        return s.bitRate();
      case "width":
        return s.width();
      case "height":
        return s.height();
      case "pixel_format":
        return s.pixelFormat();
      case "average_fps_from_header":
        return s.averageFpsFromHeader();
      case "num_frames_from_header":
        return s.numFramesFromHeader();
      case "duration_seconds_from_header":
        return s.durationSecondsFromHeader();
      case "begin_stream_seconds_from_header":
        return s.beginStreamSecondsFromHeader();
      case "begin_stream_seconds_from_content":
        return s.beginStreamSecondsFromContent();
      case "end_stream_seconds_from_content":
        return s.endStreamSecondsFromContent();
      case "num_frames_from_content":
        return s.numFramesFromContent();
      case "duration_seconds":
        return s.durationSeconds();
      case "begin_stream_seconds":
        return s.beginStreamSeconds();
      case "end_stream_seconds":
        return s.endStreamSeconds();
      case "num_frames":
        return s.numFrames();
      case "average_fps":
        return s.averageFps();
      case "pixel_aspect_ratio":
        return s.pixelAspectRatio();
      case "field_order":
        return s.fieldOrder();
      case "rotation":
        return s.rotation();
      case "color_space":
        return s.colorSpace();
      case "color_primaries":
        return s.colorPrimaries();
      case "color_transfer_characteristic":
        return s.colorTransferCharacteristic();
      case "time_base":
        return s.timeBase();
      case "sample_rate":
        return s.sampleRate();
      case "num_channels":
        return s.numChannels();
      case "sample_format":
        return s.sampleFormat();
      case VideoSchema.CONTAINER:
        return struct((StructType) field.dataType(), f -> container(c, f.name()));
      default:
        throw new IllegalArgumentException("Unknown stream field " + field.name());
    }
  }

  static Object container(ContainerMetadata c, String name) {
    switch (name) {
      case "format":
        return c.format();
      case "duration_seconds_from_header":
        return c.durationSecondsFromHeader();
      case "bit_rate_from_header":
        return c.bitRateFromHeader();
      case "best_video_stream_index":
        return c.bestVideoStreamIndex();
      case "best_audio_stream_index":
        return c.bestAudioStreamIndex();
      case "num_streams":
        return c.numStreams();
      default:
        throw new IllegalArgumentException("Unknown container field " + name);
    }
  }

  /** Spark's {@code _metadata} struct for a file, in the (possibly pruned) shape asked for, as Spark's file sources fill it. */
  static InternalRow fileMetadata(StructType type, PartitionedFile file) {
    return struct(type, f -> FileFormat.getFileConstantMetadataColumnValue(f.name(), file,
        FileFormat.BASE_METADATA_EXTRACTORS(), f.dataType()).value());
  }
}
