package dev.sparkvideo.spark;

/**
 * Errors thrown as they are from Java code that Spark calls as Scala code, which declares no checked exceptions:
 * Spark's own errors (its error classes, returned as any {@link Throwable}), and I/O exceptions that Spark's file
 * readers tell apart by type ({@code FileNotFoundException} for {@code ignoreMissingFiles}).
 */
final class SparkErrors {
  private SparkErrors() {}

  /**
   * Throws {@code error} as it is (an {@code AnalysisException}, an {@code IOException}, ...), unchecked.
   *
   * @return never; written {@code throw SparkErrors.thrown(e)} so that the compiler sees the throw
   */
  static RuntimeException thrown(Throwable error) {
    return SparkErrors.<RuntimeException>sneaky(error);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable error) throws T {
    throw (T) error;
  }
}
