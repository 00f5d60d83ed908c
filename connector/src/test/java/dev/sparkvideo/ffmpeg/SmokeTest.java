package dev.sparkvideo.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparkvideo.io.SeekableInput;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.VideoSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void decodesGeneratedH264() throws Exception {
    Path file = Fixtures.video(VideoSpec.of(VideoSpec.Codec.H264, VideoSpec.Container.MP4_MOOV_AT_END));
    for (boolean pixels : new boolean[] {false, true}) {
      try (SeekableInput in = Fixtures.open(file); VideoFile v = VideoFile.open(in);
          FrameReader r = v.frames(FrameRequest.builder().decodePixels(pixels).build())) {
        int n = 0;
        while (r.next()) {
          VideoFrame f = r.get();
          System.out.println(pixels + " " + f.frameIndex() + " " + f.pts() + " " + f.keyFrame() + " " + f.durationSeconds());
          n++;
        }
        System.out.println(in.statistics() + " decoded=" + r.framesDecoded() + " corrupt=" + r.corruptPackets());
      }
    }
  }
}
