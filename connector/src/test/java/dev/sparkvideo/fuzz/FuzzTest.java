package dev.sparkvideo.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.UserVideos;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import dev.sparkvideo.testing.VideoSpec.Signal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Damaged inputs never crash or hang the JVM: over a thousand files derived from valid videos of every container and
 * codec, interlaced, 10-bit HDR, AVI with B-frames and recordings cut mid-GOP among them (truncated, bit-flipped,
 * zeroed, shuffled, with absurd header values), are read in a child JVM, each every way the connector reads
 * (deinterlaced too); every one must end in frames or in a {@code VideoException} naming the file. A crash or a hang
 * fails the test and leaves the input in {@code target/fuzz} to replay with {@link FuzzDriver}. The seed
 * ({@code -Dfuzz.seed}) and the number of cases ({@code -Dfuzz.cases}) can be changed.
 */
class FuzzTest {
  private static final long SEED = Long.getLong("fuzz.seed", 20261124L);
  private static final int CASES = Integer.getInteger("fuzz.cases", 1200);
  /** How long one case may take (four full reads of a small file) before it counts as a hang. */
  private static final long CASE_TIMEOUT_SECONDS = 60;

  /** The valid videos the damaged ones are derived from; case n damages source n % size. */
  static List<String> sources() {
    List<String> sources = new ArrayList<>();
    for (VideoSpec spec : List.of(
        VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END).frames(12),
        VideoSpec.of(Codec.H264, Container.MP4_FASTSTART).frames(12).withAudio(),
        VideoSpec.of(Codec.H264, Container.MP4_FRAGMENTED).frames(12),
        VideoSpec.of(Codec.H264, Container.MKV).frames(12).withAudio(),
        VideoSpec.of(Codec.VP9, Container.WEBM).frames(12),
        VideoSpec.of(Codec.AV1, Container.MKV).frames(12),
        VideoSpec.of(Codec.MPEG4, Container.AVI).frames(12),
        VideoSpec.of(Codec.MPEG4, Container.MP4_MOOV_AT_END).frames(12).bFrames(2),
        VideoSpec.of(Codec.H264, Container.MPEG_TS).frames(12),
        UserVideos.MPEG2_TFF_TS,
        UserVideos.MPEG4_AVI_B_FRAMES,
        VideoSpec.of(Codec.FFV1, Container.MKV).frames(6).pixelFormat("yuv420p10le").signal(Signal.BT2020_PQ),
        VideoSpec.of(Codec.AV1, Container.MKV).frames(8).pixelFormat("yuv420p10le").signal(Signal.BT2020_HLG))) {
      sources.add(Fixtures.video(spec).toString());
    }
    for (UserVideos.Video cut : UserVideos.cutMidGop()) {
      sources.add(cut.file().toString());
    }
    return sources;
  }

  @Test
  void damagedFilesEndInFramesOrAClearErrorNeverACrashOrAHang() throws Exception {
    List<String> sources = sources();
    Path out = Path.of("target", "fuzz").toAbsolutePath();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), FuzzDriver.class.getName(),
        String.valueOf(SEED), "0", String.valueOf(CASES), out.toString()));
    cmd.addAll(sources);
    Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(
        Files.createDirectories(out).resolve("child-stderr.log").toFile())).start();
    AtomicReference<String> lastStart = new AtomicReference<>("(none)");
    AtomicLong ended = new AtomicLong();
    AtomicLong lastLine = new AtomicLong(System.nanoTime());
    Thread pump = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          lastLine.set(System.nanoTime());
          if (line.startsWith("START ")) {
            lastStart.set(line.substring(6));
          } else if (line.startsWith("END ")) {
            ended.incrementAndGet();
          }
        }
      } catch (IOException e) {
        // The child is gone; its exit code says how.
      }
    });
    pump.start();
    while (child.isAlive()) {
      if (System.nanoTime() - lastLine.get() > TimeUnit.SECONDS.toNanos(CASE_TIMEOUT_SECONDS)) {
        child.destroyForcibly();
        fail("Case " + lastStart.get() + " hung for over " + CASE_TIMEOUT_SECONDS + " s; replay it with FuzzDriver");
      }
      child.waitFor(1, TimeUnit.SECONDS);
    }
    pump.join(10_000);
    if (child.exitValue() != 0 || ended.get() != CASES) {
      fail("The child JVM died (exit " + child.exitValue() + ") in case " + lastStart.get() + " after " + ended.get()
          + " cases; its input is kept for replay, stderr in " + out.resolve("child-stderr.log"));
    }
    assertEquals(CASES, ended.get());
  }
}
