package dev.sparkvideo.fuzz;

import dev.sparkvideo.ffmpeg.FrameFormat;
import dev.sparkvideo.ffmpeg.FrameReader;
import dev.sparkvideo.ffmpeg.FrameRequest;
import dev.sparkvideo.ffmpeg.SeekMode;
import dev.sparkvideo.ffmpeg.VideoFile;
import dev.sparkvideo.io.HadoopSeekableInput;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.javacpp.Pointer;

/**
 * Opens, decodes and closes files in a loop in one JVM and reports its resident memory after warm-up and at the end.
 * Run with a fixed, pre-touched heap so that resident memory can only grow through native allocations.
 *
 * <p>Usage: {@code SoakDriver CYCLES WARMUP FILE...}; prints {@code RSS warm=BYTES end=BYTES open=N}.
 */
public final class SoakDriver {
  private SoakDriver() {}

  public static void main(String[] args) throws Exception {
    int cycles = Integer.parseInt(args[0]);
    int warmup = Integer.parseInt(args[1]);
    Configuration conf = new Configuration();
    long warm = 0;
    for (int i = 0; i < cycles; i++) {
      String file = args[2 + i % (args.length - 2)];
      try (HadoopSeekableInput in = HadoopSeekableInput.open(new org.apache.hadoop.fs.Path(file), conf);
          VideoFile video = VideoFile.open(in, i % 7 == 0 ? SeekMode.EXACT : SeekMode.APPROXIMATE)) {
        FrameRequest.Builder request = FrameRequest.builder();
        switch (i % 4) {
          case 0 -> request.format(FrameFormat.PNG).width(64);
          case 1 -> request.startSeconds(0.5).format(FrameFormat.JPEG);
          case 2 -> request.decodePixels(false);
          default -> request.format(FrameFormat.YUV420P).endSeconds(0.3);
        }
        try (FrameReader frames = video.frames(request.build())) {
          for (int n = 0; n < (i % 3 == 0 ? 3 : 1000) && frames.next(); n++) {
            frames.get();
          }
        }
      }
      if (i == warmup) {
        System.gc();
        warm = Pointer.physicalBytes();
      }
    }
    System.gc();
    System.out.println("RSS warm=" + warm + " end=" + Pointer.physicalBytes() + " open=" + VideoFile.openCount());
  }
}
