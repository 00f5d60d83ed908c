package dev.sparkvideo.benchmarks;

import dev.sparkvideo.ffmpeg.FrameRequest;
import dev.sparkvideo.ffmpeg.VideoFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.Pointer;

/**
 * Run in a child JVM with a fixed, pre-touched heap, so that its resident size changes only with native memory.
 *
 * <ul>
 *   <li>{@code decode FILE}: decodes every frame as rgb24 and prints the peak resident size ({@code VmHWM}) and
 *       the peak of JavaCPP's physical bytes, sampled every 10 ms;
 *   <li>{@code cycles FILE N}: opens, decodes and closes the file N times and prints the resident size and
 *       JavaCPP's physical bytes after the first tenth of the cycles and after the last.
 * </ul>
 */
public final class MemoryProbe {
  private MemoryProbe() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[1]);
    if (args[0].equals("decode")) {
      decodeOnce(file);
    } else {
      cycles(file, Integer.parseInt(args[2]));
    }
  }

  private static void decodeOnce(Path file) throws Exception {
    long[] peakPhysical = {Pointer.physicalBytes()};
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peakPhysical[0] = Math.max(peakPhysical[0], Pointer.physicalBytes());
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.setDaemon(true);
    sampler.start();
    long frames = CoreLoop.decode(file, FrameRequest.defaults());
    sampler.interrupt();
    sampler.join();
    System.out.println("frames=" + frames + " peakRss=" + status("VmHWM") + " peakPhysical=" + peakPhysical[0]);
  }

  private static void cycles(Path file, int n) throws Exception {
    long warmRss = 0;
    long warmPhysical = 0;
    for (int i = 1; i <= n; i++) {
      CoreLoop.decode(file, FrameRequest.defaults());
      if (i == n / 10) {
        System.gc();
        warmRss = status("VmRSS");
        warmPhysical = Pointer.physicalBytes();
      }
    }
    System.gc();
    System.out.println("cycles=" + n + " warmRss=" + warmRss + " endRss=" + status("VmRSS") + " warmPhysical="
        + warmPhysical + " endPhysical=" + Pointer.physicalBytes() + " openFiles=" + VideoFile.openCount());
  }

  /** A size from /proc/self/status, in bytes. */
  private static long status(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IOException(field + " not in /proc/self/status");
  }
}
