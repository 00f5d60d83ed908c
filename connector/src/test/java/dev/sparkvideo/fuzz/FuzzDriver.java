package dev.sparkvideo.fuzz;

import dev.sparkvideo.ffmpeg.FrameFormat;
import dev.sparkvideo.ffmpeg.FrameReader;
import dev.sparkvideo.ffmpeg.FrameRequest;
import dev.sparkvideo.ffmpeg.SeekMode;
import dev.sparkvideo.ffmpeg.VideoException;
import dev.sparkvideo.ffmpeg.VideoFile;
import dev.sparkvideo.io.HadoopSeekableInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/**
 * Runs in a child JVM so that a native crash ends this process, not the test run. For each case it writes the damaged
 * file, prints {@code START n file}, reads it every way the connector does, and prints {@code END n outcome}; the
 * parent watches the lines (a missing END is a crash or a hang, and names the file to replay).
 *
 * <p>Usage: {@code FuzzDriver SEED FIRST COUNT OUT_DIR SOURCE...}
 */
public final class FuzzDriver {
  private FuzzDriver() {}

  public static void main(String[] args) throws Exception {
    long seed = Long.parseLong(args[0]);
    int first = Integer.parseInt(args[1]);
    int count = Integer.parseInt(args[2]);
    Path out = Files.createDirectories(Path.of(args[3]));
    int sources = args.length - 4;
    byte[][] inputs = new byte[sources][];
    String[] extensions = new String[sources];
    for (int i = 0; i < sources; i++) {
      Path p = Path.of(args[4 + i]);
      inputs[i] = Files.readAllBytes(p);
      String name = p.getFileName().toString();
      extensions[i] = name.substring(name.lastIndexOf('.'));
    }
    Configuration conf = new Configuration();
    for (int n = first; n < first + count; n++) {
      int source = n % sources;
      long caseSeed = seed * 1_000_003L + n;
      Path file = out.resolve("case-" + n + extensions[source]);
      Files.write(file, Mutator.mutate(inputs[source], caseSeed));
      System.out.println("START " + n + " " + file);
      System.out.flush();
      String outcome = read(file, conf);
      System.out.println("END " + n + " " + outcome);
      System.out.flush();
      Files.delete(file);
    }
  }

  /** Reads a file every way: metadata, frames with pixels, packets only, a seek, exact mode. */
  static String read(Path file, Configuration conf) throws IOException {
    int frames = 0;
    int errors = 0;
    for (int way = 0; way < 5; way++) {
      try (HadoopSeekableInput in = HadoopSeekableInput.open(new org.apache.hadoop.fs.Path(file.toUri()), conf);
          VideoFile video = VideoFile.open(in, way == 3 ? SeekMode.EXACT : SeekMode.APPROXIMATE)) {
        video.metadata();
        FrameRequest.Builder request = FrameRequest.builder();
        if (way == 1) {
          request.decodePixels(false);
        } else if (way == 2) {
          request.startSeconds(0.5).format(FrameFormat.PNG).width(64);
        } else if (way == 4) {
          request.deinterlace(true).format(FrameFormat.YUV420P).height(50);
        }
        try (FrameReader reader = video.frames(request.build())) {
          for (int i = 0; i < 200 && reader.next(); i++) {
            reader.get();
            frames++;
          }
        }
      } catch (VideoException | IllegalArgumentException e) {
        if (!e.getMessage().contains(file.getFileName().toString()) && e instanceof VideoException) {
          throw new IllegalStateException("error does not name the file: " + e.getMessage(), e);
        }
        errors++;
      }
    }
    return "frames=" + frames + " errors=" + errors;
  }
}
