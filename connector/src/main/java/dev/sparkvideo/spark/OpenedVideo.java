package dev.sparkvideo.spark;

import dev.sparkvideo.ffmpeg.VideoFile;
import dev.sparkvideo.io.HadoopSeekableInput;
import dev.sparkvideo.io.ReadStatistics;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.execution.datasources.PartitionedFile;

/** A file opened on an executor: its Hadoop input and its {@link VideoFile}, closed together. */
final class OpenedVideo implements AutoCloseable {
  private final HadoopSeekableInput input;
  private final VideoFile video;

  private OpenedVideo(HadoopSeekableInput input, VideoFile video) {
    this.input = input;
    this.video = video;
  }

  VideoFile video() {
    return video;
  }

  ReadStatistics statistics() {
    return input.statistics();
  }

  @Override
  public void close() throws IOException {
    try {
      video.close();
    } finally {
      input.close();
    }
  }

  /**
   * Opens listed files with the broadcast configuration and the read's options, each read in FFmpeg buffers of
   * {@code ioBufferSize} bytes and its first and last {@code ioBufferSize} bytes fetched at once; through an
   * {@link OpenAhead} when one is given.
   */
  static final class Opener {
    private final Configuration conf;
    private final VideoReadOptions options;
    private final int ioBufferSize;
    private final OpenAhead ahead;

    Opener(Configuration conf, VideoReadOptions options, int ioBufferSize) {
      this(conf, options, ioBufferSize, null);
    }

    Opener(Configuration conf, VideoReadOptions options, int ioBufferSize, OpenAhead ahead) {
      this.conf = conf;
      this.options = options;
      this.ioBufferSize = ioBufferSize;
      this.ahead = ahead;
    }

    VideoReadOptions options() {
      return options;
    }

    /**
     * Opens a planned file from what the listing said of it, without asking storage for its status again.
     *
     * @throws java.io.FileNotFoundException when it was deleted after planning
     * @throws dev.sparkvideo.ffmpeg.VideoException when it is not a readable video
     */
    OpenedVideo open(PartitionedFile file) throws IOException {
      HadoopSeekableInput input = ahead != null ? ahead.take(file)
          : FileInputs.open(FileInputs.fileSystem(file, conf), file, ioBufferSize, ioBufferSize);
      try {
        VideoFile video = VideoFile.open(input, options.seekMode(), ioBufferSize);
        return new OpenedVideo(input, video);
      } catch (RuntimeException | Error e) {
        input.close();
        throw e;
      }
    }
  }
}
