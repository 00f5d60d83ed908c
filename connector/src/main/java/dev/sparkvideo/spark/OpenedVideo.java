package dev.sparkvideo.spark;

import dev.sparkvideo.ffmpeg.VideoFile;
import dev.sparkvideo.io.HadoopSeekableInput;
import dev.sparkvideo.io.ReadStatistics;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
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

  /** Opens listed files with the broadcast configuration and the read's options. */
  static final class Opener {
    private final Configuration conf;
    private final VideoReadOptions options;
    private final int ioBufferSize;

    Opener(Configuration conf, VideoReadOptions options, int ioBufferSize) {
      this.conf = conf;
      this.options = options;
      this.ioBufferSize = ioBufferSize;
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
      Path path = file.toPath();
      FileSystem fs = path.getFileSystem(conf);
      FileStatus status = new FileStatus(file.fileSize(), false, 1, 0, file.modificationTime(), path);
      HadoopSeekableInput input = HadoopSeekableInput.open(fs, status, HadoopSeekableInput.DEFAULT_READ_POLICY);
      try {
        VideoFile video = options.mode() == VideoReadOptions.Mode.METADATA
            ? VideoFile.openForMetadata(input, options.seekMode(), ioBufferSize)
            : VideoFile.open(input, options.seekMode(), ioBufferSize);
        return new OpenedVideo(input, video);
      } catch (RuntimeException | Error e) {
        input.close();
        throw e;
      }
    }
  }
}
