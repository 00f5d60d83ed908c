package dev.sparkvideo.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of {@code spark.read.format("video")}: their names are the public contract.
 *
 * <p>Frame rows ({@code mode=frames}, the default): {@link #FRAMES}. Metadata rows ({@code mode=metadata}):
 * {@link #METADATA_ROWS}. Every table also has Spark's hidden {@code _metadata} column ({@link #FILE_METADATA}).
 * Stream and container fields use torchcodec's names and meanings; {@code null} means the file does not say.
 */
public final class VideoSchema {
  /** The file's full URI. */
  public static final String PATH = "path";
  /** The stream's index in its container. */
  public static final String STREAM_INDEX = "stream_index";
  /** 0-based display-order index of the frame in its stream, as a full sequential decode counts it. */
  public static final String FRAME_INDEX = "frame_index";
  /** Presentation timestamp in the stream's time base. */
  public static final String PTS = "pts";
  /** Presentation time in seconds. */
  public static final String PTS_SECONDS = "pts_seconds";
  /** How long the frame is shown, in seconds. */
  public static final String DURATION_SECONDS = "duration_seconds";
  /** Whether the frame is a keyframe. */
  public static final String IS_KEY_FRAME = "is_key_frame";
  /** Width of {@code data} in pixels. */
  public static final String WIDTH = "width";
  /** Height of {@code data} in pixels. */
  public static final String HEIGHT = "height";
  /** The pixels or the encoded image, per the {@code frameFormat} option. */
  public static final String DATA = "data";
  /** The stream's metadata and, in it, the container's ({@link #METADATA_TYPE}). */
  public static final String METADATA = "metadata";
  /** The container's metadata ({@link #CONTAINER_TYPE}). */
  public static final String CONTAINER = "container";
  /** Spark's hidden file metadata column. */
  public static final String FILE_METADATA_COLUMN = "_metadata";

  /** The container fields, with torchcodec's names. */
  public static final StructType CONTAINER_TYPE = new StructType()
      .add("format", DataTypes.StringType)
      .add("duration_seconds_from_header", DataTypes.DoubleType)
      .add("bit_rate_from_header", DataTypes.LongType)
      .add("best_video_stream_index", DataTypes.IntegerType)
      .add("best_audio_stream_index", DataTypes.IntegerType)
      .add("num_streams", DataTypes.IntegerType);

  /** The stream fields, with torchcodec's names (see docs/schema.md for their meaning). */
  public static final StructType STREAM_TYPE = new StructType()
      .add(STREAM_INDEX, DataTypes.IntegerType, false)
      .add("media_type", DataTypes.StringType)
      .add("codec", DataTypes.StringType)
      .add("bit_rate", DataTypes.LongType)
      .add("width", DataTypes.IntegerType)
      .add("height", DataTypes.IntegerType)
      .add("pixel_format", DataTypes.StringType)
      .add("average_fps_from_header", DataTypes.DoubleType)
      .add("num_frames_from_header", DataTypes.LongType)
      .add("duration_seconds_from_header", DataTypes.DoubleType)
      .add("begin_stream_seconds_from_header", DataTypes.DoubleType)
      .add("begin_stream_seconds_from_content", DataTypes.DoubleType)
      .add("end_stream_seconds_from_content", DataTypes.DoubleType)
      .add("num_frames_from_content", DataTypes.LongType)
      .add("duration_seconds", DataTypes.DoubleType)
      .add("begin_stream_seconds", DataTypes.DoubleType)
      .add("end_stream_seconds", DataTypes.DoubleType)
      .add("num_frames", DataTypes.LongType)
      .add("average_fps", DataTypes.DoubleType)
      .add("pixel_aspect_ratio", DataTypes.StringType)
      .add("field_order", DataTypes.StringType)
      .add("rotation", DataTypes.DoubleType)
      .add("color_space", DataTypes.StringType)
      .add("color_primaries", DataTypes.StringType)
      .add("color_transfer_characteristic", DataTypes.StringType)
      .add("time_base", DataTypes.StringType)
      .add("sample_rate", DataTypes.IntegerType)
      .add("num_channels", DataTypes.IntegerType)
      .add("sample_format", DataTypes.StringType);

  /** The {@code metadata} column of frame rows: the stream's fields plus a {@code container} struct. */
  public static final StructType METADATA_TYPE = append(STREAM_TYPE, new StructField(CONTAINER, CONTAINER_TYPE,
      false, org.apache.spark.sql.types.Metadata.empty()));

  /** Frame rows: one per decoded frame. */
  public static final StructType FRAMES = new StructType()
      .add(PATH, DataTypes.StringType, false)
      .add(STREAM_INDEX, DataTypes.IntegerType, false)
      .add(FRAME_INDEX, DataTypes.LongType, false)
      .add(PTS, DataTypes.LongType, false)
      .add(PTS_SECONDS, DataTypes.DoubleType, false)
      .add(DURATION_SECONDS, DataTypes.DoubleType, true)
      .add(IS_KEY_FRAME, DataTypes.BooleanType, false)
      .add(WIDTH, DataTypes.IntegerType, false)
      .add(HEIGHT, DataTypes.IntegerType, false)
      .add(DATA, DataTypes.BinaryType, true)
      .add(METADATA, METADATA_TYPE, false);

  /** Metadata rows: one per stream of every file; the stream fields at the top level. */
  public static final StructType METADATA_ROWS = append(new StructType().add(PATH, DataTypes.StringType, false),
      STREAM_TYPE.fields()).add(CONTAINER, CONTAINER_TYPE, false);

  /**
   * The fields of Spark's {@code _metadata} column, as Spark's file sources have them ({@code file_path},
   * {@code file_name}, {@code file_size}, {@code file_block_start}, {@code file_block_length},
   * {@code file_modification_time}).
   */
  public static final StructType FILE_METADATA = new StructType(
      scala.jdk.javaapi.CollectionConverters.asJava(
          org.apache.spark.sql.execution.datasources.FileFormat.BASE_METADATA_FIELDS()).toArray(new StructField[0]));

  private VideoSchema() {}

  /** The schema of a mode. */
  static StructType of(VideoReadOptions.Mode mode) {
    return mode == VideoReadOptions.Mode.METADATA ? METADATA_ROWS : FRAMES;
  }

  private static StructType append(StructType type, StructField... more) {
    List<StructField> fields = new ArrayList<>(List.of(type.fields()));
    fields.addAll(List.of(more));
    return new StructType(fields.toArray(new StructField[0]));
  }
}
