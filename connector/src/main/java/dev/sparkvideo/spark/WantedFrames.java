package dev.sparkvideo.spark;

import dev.sparkvideo.ffmpeg.FrameReader;
import dev.sparkvideo.ffmpeg.FrameRequest;
import dev.sparkvideo.ffmpeg.StreamMetadata;
import dev.sparkvideo.ffmpeg.VideoFile;
import dev.sparkvideo.ffmpeg.VideoFrame;
import java.util.List;

/**
 * The frames of one stream that a read wants, in display order, decoded from as near each wanted frame as the file
 * allows: a cursor over a sequence of {@link FrameReader}s, each over one group of wanted frame indices and each
 * started at the time its first index is estimated at, so that it decodes from the keyframe before that frame rather
 * than from the start.
 *
 * <p>The groups are the index ranges of the pushed {@link FrameBounds} (one range, or an index set's indices grouped
 * by {@link FrameBounds#indexRanges}), or, for a {@code frameStep} that spans more than the seek gap, each multiple of
 * the step, found one after the other. A frame's time is estimated at the stream's frame rate from the last frame
 * returned (before the first: from the stream's start, or for a step, from the first frame at the read's start time).
 * A read checks that it did not start past its first index
 * (the rate drifts) and otherwise tries a wider margin, then reads on from the last frame returned, so the frames are
 * those of one read from the start whatever the timestamps: a multiple of the step that is missing (a frame lost to
 * damage) gives way to the next one present, and the stepping ends where a read from the last frame finds no more.
 *
 * <p>Not thread-safe. {@link #close()} closes the current reader and is idempotent.
 */
final class WantedFrames implements AutoCloseable {
  /**
   * Wanted frame indices at most this far apart (in seconds at the average frame rate) are read in one pass; further
   * apart, the reader seeks: decoding on costs about what a seek to the keyframe before the next one costs.
   */
  private static final double SEEK_GAP_SECONDS = 2.0;
  /**
   * How far before a frame's estimated time a read starts, tried in turn: a nanosecond (against rounding: at a
   * constant frame rate the read then seeks to the frame's own time, and a frame that is a keyframe is decoded
   * alone), then in frame durations, then in seconds; the later margins absorb a rate that drifts, and the seek
   * decodes no more than from the keyframe before the frame, as a peer's seek does. A file whose frames are not where
   * its average rate puts them skips the first margin after its first miss.
   */
  private static final double MARGIN_EXACT_SECONDS = 1e-9;
  private static final double MARGIN_FRAMES = 1.5;
  private static final double MARGIN_SECONDS = 1.0;
  /** How far (relative) a stream's average rate may be from its header's before estimates use the average. */
  private static final double VARIABLE_RATE_TOLERANCE = 0.01;

  /**
   * Makes the request for one read: frame times in {@code [low, high)}, frame indices in {@code [first, end)} that are
   * multiples of {@code step}; with {@code pictures} false, a read that decodes nothing (indices and times from the
   * packets), to locate a frame.
   */
  interface Requests {
    FrameRequest between(double low, double high, long first, long end, long step, boolean pictures);
  }

  private final VideoFile video;
  private final Requests requests;
  private final double timeLow;
  private final double timeHigh;
  /** Where estimates end: the read's end, or the stream's end the header gives (no frame starts after it). */
  private final double estimateEnd;
  /** The average frame rate where reads can seek by time, else 0. */
  private final double fps;
  private final long step;
  private final boolean pictures;
  /** The index ranges to read, or {@code null} when each multiple of the step is sought one after the other. */
  private final List<long[]> ranges;
  private final long indexEnd;
  private int nextRange;
  private long nextMultiple;
  private boolean stepsEnded;
  private boolean estimatesMissed;

  private long anchorIndex;
  private double anchorSeconds;
  private boolean anchored;

  private FrameReader reader;
  private boolean readerGivesOneFrame;
  private boolean readerGaveFrame;
  private VideoFrame pending;
  private VideoFrame current;
  private long decodedByClosedReaders;
  private long corruptByClosedReaders;

  /**
   * @param timeLow start of the frame times read (inclusive), or {@code -inf}
   * @param timeHigh end of the frame times read (exclusive), or {@code +inf}
   * @param bounds the frame indices wanted
   * @param step the {@code frameStep} the requests apply
   * @param keyframesOnly whether the requests return keyframes only (found by reading on, not by seeking)
   * @param pictures whether the reads decode pictures (the query wants {@code data}); else frames are read from the
   *     packets alone and are found without a second read
   */
  WantedFrames(VideoFile video, int stream, double timeLow, double timeHigh, FrameBounds bounds, long step,
      boolean keyframesOnly, boolean pictures, Requests requests) {
    this.video = video;
    this.pictures = pictures;
    this.requests = requests;
    this.timeLow = timeLow;
    this.timeHigh = timeHigh;
    this.step = step;
    StreamMetadata metadata = video.metadata().stream(stream);
    Double streamEnd = metadata.endStreamSeconds();
    this.estimateEnd = streamEnd == null ? timeHigh : Math.min(timeHigh, streamEnd);
    double rate = estimateRate(metadata);
    boolean seekable = rate > 0 && !video.isSequentialOnly(stream);
    this.fps = seekable ? rate : 0;
    this.anchorSeconds = metadata.beginStreamSeconds() == null ? 0 : metadata.beginStreamSeconds();
    long gap = seekable ? Math.max(1, Math.round(fps * SEEK_GAP_SECONDS)) : Long.MAX_VALUE;
    boolean stepBySeeks = step > gap && bounds.indexSet() == null && !keyframesOnly;
    // Reads that seek to an index stop at the last frame the container lists instead of reading on to the end.
    Long count = stepBySeeks || bounds.indexSet() != null ? video.indexedFrameCount(stream) : null;
    this.indexEnd = count == null ? bounds.indexHigh() : Math.min(bounds.indexHigh(), count);
    this.ranges = stepBySeeks ? null : bounds.indexRanges(gap);
    this.nextMultiple = multipleFrom(bounds.indexLow());
  }

  /**
   * The frame rate times are estimated at: the header's, unless the stream's frame count over its duration says the
   * rate varies (more than {@link #VARIABLE_RATE_TOLERANCE} apart), then that average; 0 when neither is known.
   */
  private static double estimateRate(StreamMetadata metadata) {
    Double header = metadata.averageFps();
    Long frames = metadata.numFrames();
    Double duration = metadata.durationSeconds();
    double average = frames != null && duration != null && frames > 0 && duration > 0 ? frames / duration : 0;
    if (header == null || !(header > 0)) {
      return average;
    }
    return average > 0 && Math.abs(average - header) > VARIABLE_RATE_TOLERANCE * header ? average : header;
  }

  /** Moves to the next wanted frame; false when there are no more. */
  boolean next() {
    current = null;
    while (true) {
      if (pending != null) {
        return returned(pending);
      }
      if (reader != null && !(readerGivesOneFrame && readerGaveFrame) && reader.next()) {
        return returned(reader.get());
      }
      closeReader();
      if (!openNext()) {
        return false;
      }
    }
  }

  /** The frame {@link #next()} moved to. */
  VideoFrame get() {
    if (current == null) {
      throw new IllegalStateException("No current frame: call next() first and check that it returned true");
    }
    return current;
  }

  private boolean returned(VideoFrame f) {
    pending = null;
    current = f;
    readerGaveFrame = true;
    anchorAt(f);
    if (ranges == null) {
      nextMultiple = multipleFrom(f.frameIndex() + 1);
      stepsEnded = false;
    }
    return true;
  }

  /** The first multiple of the step at or after {@code index}, or {@code Long.MAX_VALUE} past the largest one. */
  private long multipleFrom(long index) {
    long below = index / step * step;
    if (below == index) {
      return index;
    }
    return below > Long.MAX_VALUE - step ? Long.MAX_VALUE : below + step;
  }

  private void anchorAt(VideoFrame f) {
    anchorIndex = f.frameIndex();
    anchorSeconds = f.ptsSeconds();
    anchored = true;
  }

  /** Opens the read of the next group of wanted indices; false when none is left. */
  private boolean openNext() {
    long first;
    long end;
    long fallbackEnd;
    if (ranges != null) {
      if (nextRange >= ranges.size() || ranges.get(nextRange)[0] >= indexEnd) {
        return false;
      }
      long[] range = ranges.get(nextRange++);
      first = range[0];
      end = Math.min(range[1], indexEnd);
      fallbackEnd = end;
    } else {
      if (!anchored && timeLow > Double.NEGATIVE_INFINITY && !anchorAtTimeLow()) {
        return false;
      }
      if (pending != null || stepsEnded || nextMultiple >= indexEnd) {
        return pending != null;
      }
      first = nextMultiple;
      end = first + 1;
      // Reading on from the last frame: the first multiple of the step present, wherever it is.
      fallbackEnd = indexEnd;
    }
    readerGivesOneFrame = ranges == null;
    readerGaveFrame = false;
    long firstReturned = multipleFrom(first);
    if (first > 0 && fps > 0 && openAtEstimate(first, end, firstReturned)) {
      return true;
    }
    if (ranges == null) {
      // Whatever this read finds ends the stepping unless it returns a frame.
      stepsEnded = true;
      if (anchored && fps > 0 && checkedTail(first)) {
        return true;
      }
    }
    readOn(anchored ? Math.max(timeLow, anchorSeconds) : timeLow, first, fallbackEnd);
    return true;
  }

  /**
   * For a multiple of the step estimated at or past where the read ends (a slice's end, the stream's end): reads the
   * packets of the last {@link #SEEK_GAP_SECONDS} before that end, decoding nothing, instead of all those after the
   * last frame returned. When the first frame there is not past {@code first}, every frame that could be the next
   * multiple is among those read: the stepping ends when none is, and otherwise reads that frame (pending). False when
   * the check cannot tell (the estimate is inside the read, the next multiple may lie before the packets read).
   */
  private boolean checkedTail(long first) {
    double expected = anchorSeconds + (first - anchorIndex) / fps;
    if (!(expected >= estimateEnd) || estimateEnd == Double.POSITIVE_INFINITY) {
      return false;
    }
    double from = Math.max(anchorSeconds, estimateEnd - SEEK_GAP_SECONDS);
    VideoFrame seen = null;
    VideoFrame wanted = null;
    reader = video.frames(requests.between(from, timeHigh, anchorIndex + 1, indexEnd, 1, false));
    while (reader.next()) {
      VideoFrame f = reader.get();
      if (seen == null) {
        seen = f;
        if (f.frameIndex() > first) {
          break;
        }
      }
      if (f.frameIndex() >= first && f.frameIndex() % step == 0) {
        wanted = f;
        break;
      }
    }
    closeReader();
    if (seen == null) {
      // No frame after the last one returned from there on: the frames between are unknown unless there are none.
      return from <= anchorSeconds;
    }
    if (seen.frameIndex() > first) {
      return false;
    }
    if (wanted == null) {
      return true;
    }
    if (!pictures) {
      pending = wanted;
      return true;
    }
    return seekTo(wanted, requests.between(wanted.ptsSeconds(), timeHigh, wanted.frameIndex(),
        wanted.frameIndex() + 1, step, true));
  }

  /**
   * Opens the read on from {@code from} to the first frame in {@code [first, end)} that is a multiple of the step
   * (and on to {@code end} for an index range). Where reads decode pictures and can seek, and frames before
   * {@code first} may lie on the way, the frame is located from the packets first, decoding nothing on the way, then
   * decoded from the keyframe before it; a frame the packets list but the decoder does not give (damage) is read for
   * by decoding on from {@code from}. Leaves no reader open when there is no such frame.
   */
  private void readOn(double from, long first, long end) {
    if (fps > 0 && first > 0 && pictures) {
      reader = video.frames(requests.between(from, timeHigh, first, end, step, false));
      if (!reader.next()) {
        closeReader();
        return;
      }
      VideoFrame located = reader.get();
      closeReader();
      long index = located.frameIndex();
      long fetchEnd = ranges == null ? index + 1 : end;
      if (seekTo(located, requests.between(located.ptsSeconds(), timeHigh, index, fetchEnd, step, true))) {
        return;
      }
    }
    reader = video.frames(requests.between(from, timeHigh, first, end, step, true));
  }

  /** Opens {@code request}, which starts at frame {@code at}'s time; true when its first frame is {@code at}. */
  private boolean seekTo(VideoFrame at, FrameRequest request) {
    reader = video.frames(request);
    if (reader.next() && reader.get().frameIndex() == at.frameIndex()) {
      pending = reader.get();
      return true;
    }
    closeReader();
    return false;
  }

  /**
   * Finds the first frame at or after {@code timeLow} (a read of a time slice or range starts at a time, not at an
   * index), so that the multiples of the step after it are estimated from it instead of found by decoding on from
   * there. Leaves that frame pending when it is a multiple wanted; false when the range holds no frame.
   */
  private boolean anchorAtTimeLow() {
    readerGivesOneFrame = true;
    readerGaveFrame = false;
    // Located from the packets alone (nothing decoded), then, when it is wanted, decoded from its keyframe.
    reader = video.frames(requests.between(timeLow, timeHigh, 0, indexEnd, 1, false));
    if (!reader.next()) {
      closeReader();
      stepsEnded = true;
      return false;
    }
    VideoFrame f = reader.get();
    closeReader();
    anchorAt(f);
    long index = f.frameIndex();
    nextMultiple = Math.max(nextMultiple, multipleFrom(index));
    if (index == nextMultiple && pictures) {
      // A multiple the decoder does not give (damage) is looked for as any other, on from this frame.
      seekTo(f, requests.between(f.ptsSeconds(), timeHigh, index, index + 1, step, true));
    }
    return true;
  }

  /** Opens a read at a time estimated for index {@code first}; true when its first frame is not past it. */
  private boolean openAtEstimate(long first, long end, long firstReturned) {
    double[] margins = {MARGIN_EXACT_SECONDS, MARGIN_FRAMES / fps, MARGIN_SECONDS};
    double base = anchored ? anchorSeconds + (first - anchorIndex) / fps : anchorSeconds + first / fps;
    for (int attempt = estimatesMissed ? 1 : 0; attempt < margins.length; attempt++) {
      double estimate = base - margins[attempt];
      if (!(estimate > timeLow && estimate < estimateEnd) || anchored && estimate <= anchorSeconds) {
        continue;
      }
      reader = video.frames(requests.between(estimate, timeHigh, first, end, step, true));
      if (reader.next() && reader.get().frameIndex() <= firstReturned) {
        pending = reader.get();
        return true;
      }
      // The estimate overshot the wanted frame (the rate drifts), or the frame is not in the file.
      estimatesMissed = true;
      closeReader();
    }
    return false;
  }

  /** Frames decoded so far, including those decoded only to reach a wanted one. */
  long framesDecoded() {
    return decodedByClosedReaders + (reader == null ? 0 : reader.framesDecoded());
  }

  /** Packets the decoders rejected as damaged, and frames returned with concealed damage. */
  long corruptPackets() {
    return corruptByClosedReaders + (reader == null ? 0 : reader.corruptPackets());
  }

  private void closeReader() {
    if (reader != null) {
      decodedByClosedReaders += reader.framesDecoded();
      corruptByClosedReaders += reader.corruptPackets();
      reader.close();
      reader = null;
    }
  }

  @Override
  public void close() {
    pending = null;
    current = null;
    closeReader();
  }
}
