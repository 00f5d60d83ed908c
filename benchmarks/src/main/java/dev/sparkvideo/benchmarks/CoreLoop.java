package dev.sparkvideo.benchmarks;

import dev.sparkvideo.ffmpeg.FrameReader;
import dev.sparkvideo.ffmpeg.FrameRequest;
import dev.sparkvideo.ffmpeg.VideoFile;
import dev.sparkvideo.io.HadoopSeekableInput;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/** The decoding core's own loop over a local file, without Spark: what a read costs below the rows. */
final class CoreLoop {
  private CoreLoop() {}

  /** Reads every frame {@code request} selects and returns the bytes of their {@code data}. */
  static long decode(Path file, FrameRequest request) throws IOException {
    long bytes = 0;
    try (HadoopSeekableInput in = HadoopSeekableInput.open(new org.apache.hadoop.fs.Path(file.toUri()),
        new Configuration()); VideoFile video = VideoFile.open(in); FrameReader reader = video.frames(request)) {
      while (reader.next()) {
        byte[] data = reader.get().data();
        bytes += data == null ? 0 : data.length;
      }
    }
    return bytes;
  }
}
