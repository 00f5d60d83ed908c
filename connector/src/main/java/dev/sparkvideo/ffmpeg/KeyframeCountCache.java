package dev.sparkvideo.ffmpeg;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link CountedKeyframes} of the files read lately in this JVM, by file version ({@link
 * dev.sparkvideo.io.SeekableInput#version}) and stream, so that the readers of one file in different tasks of an
 * executor share their counts: the time slices of a long Matroska or MPEG-TS file each need the frames before their
 * start, and a slice that starts after another has read on through the file counts only from where that one got.
 * Holds the {@value #FILES} streams used last (a few kilobytes each: 24 bytes per keyframe).
 */
final class KeyframeCountCache {
  private static final int FILES = 256;
  private static final Map<String, CountedKeyframes> LATEST = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, CountedKeyframes> eldest) {
      return size() > FILES;
    }
  };

  private KeyframeCountCache() {}

  /** The counts of stream {@code stream} of the file version {@code version}, shared with its other readers. */
  static synchronized CountedKeyframes of(String version, int stream) {
    return LATEST.computeIfAbsent(stream + ":" + version, k -> new CountedKeyframes());
  }
}
