package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FORCE;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_SIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.io.SeekableInput;
import dev.sparkvideo.testing.FailingInput;
import dev.sparkvideo.testing.FrameDigest;
import dev.sparkvideo.testing.ShortReadInput;
import dev.sparkvideo.testing.StallingInput;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The I/O bridge: callback semantics, many inputs at once (JavaCPP has 10 slots per callback class), threads. */
class AvioBridgeTest {
  private static final List<VideoSpec> SPECS = List.of(
      VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END),
      VideoSpec.of(Codec.H264, Container.MKV),
      VideoSpec.of(Codec.VP9, Container.WEBM),
      VideoSpec.of(Codec.MPEG4, Container.AVI));

  @AfterEach
  void nothingLeftOpen() {
    assertEquals(0, AvioBridge.openChannels(), "every channel closed");
  }

  private static List<FrameDigest> readAll(Path file) {
    try (SeekableInput in = Fixtures.open(file); VideoFile video = VideoFile.open(in);
        FrameReader frames = video.frames()) {
      return FrameDigest.all(frames);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void seekCallbackAnswersSizeMasksForceAndRejectsOutOfRange() throws IOException {
    Path file = Fixtures.video(SPECS.get(0));
    long size = Files.size(file);
    try (SeekableInput in = Fixtures.open(file); AvioBridge.Channel channel = AvioBridge.open(in, 4096)) {
      assertEquals(size, channel.seek(0, AVSEEK_SIZE));
      assertEquals(size, channel.seek(0, AVSEEK_SIZE | AVSEEK_FORCE));
      assertEquals(100, channel.seek(100, AVSEEK_FORCE));
      assertEquals(150, channel.seek(50, 1));
      assertEquals(size - 10, channel.seek(-10, 2));
      assertEquals(AvErrors.EINVAL, channel.seek(-1, 0));
      assertEquals(AvErrors.EINVAL, channel.seek(size + 1, 0));
      try (BytePointer buffer = new BytePointer(4096)) {
        assertEquals(10, channel.read(buffer, 4096), "a short read at the end");
        assertEquals(AvErrors.EOF, channel.read(buffer, 4096), "EOF, never 0");
      }
    }
  }

  @Test
  void aReadPastTheBufferGetsAllItAsksForFromShortStorageReadsAndNoMore() throws IOException {
    Path file = Fixtures.video(SPECS.get(0));
    byte[] bytes = Files.readAllBytes(file);
    try (ShortReadInput in = new ShortReadInput(Fixtures.open(file), 1000);
        AvioBridge.Channel channel = AvioBridge.open(in, 4096); BytePointer buffer = new BytePointer(3 * 4096)) {
      assertEquals(100, channel.seek(100, 0));
      assertEquals(3 * 4096, channel.read(buffer, 3 * 4096), "a packet larger than the buffer, in one answer");
      byte[] got = new byte[3 * 4096];
      buffer.position(0).get(got);
      assertArrayEquals(Arrays.copyOfRange(bytes, 100, 100 + 3 * 4096), got);
      assertEquals(3 * 4096, in.statistics().bytesRead(), "exactly the bytes asked for");
      assertEquals(1000, channel.read(buffer, 4096), "a buffer refill takes one storage read as it comes");
      assertEquals(bytes.length - 50, channel.seek(-50, 2));
      assertEquals(50, channel.read(buffer, 3 * 4096), "what is left at the end");
    }
  }

  @Test
  void shortReadsFromStorageGiveTheSameFrames() throws IOException {
    for (VideoSpec spec : SPECS) {
      Path file = Fixtures.video(spec);
      try (SeekableInput in = new ShortReadInput(Fixtures.open(file), 7); VideoFile video = VideoFile.open(in);
          FrameReader frames = video.frames(FrameRequest.builder().startSeconds(0.5).build())) {
        assertEquals(readAll(file).stream().filter(f -> f.ptsSeconds() >= 0.5).toList(), FrameDigest.all(frames),
            spec.fileName() + " from 0.5 s");
      }
      try (SeekableInput in = new ShortReadInput(Fixtures.open(file), 7); VideoFile video = VideoFile.open(in);
          FrameReader frames = video.frames()) {
        assertEquals(readAll(file), FrameDigest.all(frames), spec.fileName());
      }
    }
  }

  @Test
  void aStorageFailureOnTheNthReadIsTheCauseAndFreesEverything() throws IOException {
    Path file = Fixtures.video(SPECS.get(1));
    long size = Files.size(file);
    for (long failAt : new long[] {1, 3, size / 4096 / 2, size / 4096}) {
      IOException outage = new IOException("read " + failAt + " failed");
      try (SeekableInput in = new FailingInput(Fixtures.open(file), 4096 * failAt, outage)) {
        VideoException e = assertThrows(VideoException.class, () -> {
          try (VideoFile video = VideoFile.open(in, SeekMode.APPROXIMATE, 4096);
              FrameReader frames = video.frames()) {
            while (frames.next()) {
              frames.get();
            }
          }
        });
        assertSame(outage, e.getCause(), "after " + failAt + " reads");
      }
    }
  }

  @Test
  void aStalledReadEndsWhenTheThreadIsInterruptedAndFreesEverything() throws Exception {
    Path file = Fixtures.video(SPECS.get(0));
    java.util.concurrent.atomic.AtomicReference<Throwable> outcome = new java.util.concurrent.atomic.AtomicReference<>();
    Thread reader = new Thread(() -> {
      try (SeekableInput in = new StallingInput(Fixtures.open(file), Files.size(file) / 2);
          VideoFile video = VideoFile.open(in, SeekMode.APPROXIMATE, 4096);
          FrameReader frames = video.frames()) {
        while (frames.next()) {
          frames.get();
        }
        outcome.set(new AssertionError("the read did not stall"));
      } catch (Throwable t) {
        outcome.set(t);
      }
    });
    reader.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (VideoFile.openCount() == 0 && reader.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(300);
    assertTrue(reader.isAlive(), "the read is stalled");
    reader.interrupt();
    reader.join(30_000);
    assertTrue(!reader.isAlive(), "the interrupted read ended");
    assertTrue(outcome.get() instanceof VideoException, String.valueOf(outcome.get()));
    assertTrue(outcome.get().getCause() instanceof java.io.InterruptedIOException, String.valueOf(outcome.get()));
  }

  @Test
  void moreInputsOpenAtOnceThanJavaCppHasCallbackSlots() {
    int n = 24;
    List<SeekableInput> inputs = new ArrayList<>();
    List<VideoFile> videos = new ArrayList<>();
    List<FrameReader> readers = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        Path file = Fixtures.video(SPECS.get(i % SPECS.size()));
        SeekableInput in = Fixtures.open(file);
        inputs.add(in);
        VideoFile video = VideoFile.open(in);
        videos.add(video);
        readers.add(video.frames());
      }
      assertEquals(n, AvioBridge.openChannels());
      List<List<FrameDigest>> interleaved = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        interleaved.add(new ArrayList<>());
      }
      boolean more = true;
      while (more) {
        more = false;
        for (int i = 0; i < n; i++) {
          if (readers.get(i).next()) {
            interleaved.get(i).add(FrameDigest.of(readers.get(i).get()));
            more = true;
          }
        }
      }
      for (int i = 0; i < n; i++) {
        assertEquals(readAll(Fixtures.video(SPECS.get(i % SPECS.size()))), interleaved.get(i), "input " + i);
      }
    } finally {
      readers.forEach(FrameReader::close);
      videos.forEach(VideoFile::close);
      inputs.forEach(in -> {
        try {
          in.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  @Test
  void sixteenVideosOnEightThreadsMatchSequentialDecoding() throws Exception {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      files.add(Fixtures.video(SPECS.get(i % SPECS.size()).frames(20 + i)));
    }
    List<List<FrameDigest>> sequential = new ArrayList<>();
    for (Path f : files) {
      sequential.add(readAll(f));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<FrameDigest>>> parallel = new ArrayList<>();
      for (Path f : files) {
        parallel.add(pool.submit(() -> readAll(f)));
      }
      for (int i = 0; i < files.size(); i++) {
        List<FrameDigest> frames = parallel.get(i).get();
        assertEquals(20 + i, frames.size());
        assertEquals(sequential.get(i), frames, "video " + i);
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(true);
  }
}
