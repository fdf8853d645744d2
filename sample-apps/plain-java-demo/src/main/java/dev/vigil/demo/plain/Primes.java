package dev.vigil.demo.plain;

/** Counts primes with the sieve of Eratosthenes: CPU work plus one array allocation per call. */
final class Primes {

  private Primes() {}

  /** The number of primes less than or equal to {@code limit}. */
  static int countUpTo(int limit) {
    if (limit < 2) {
      return 0;
    }
    boolean[] composite = new boolean[limit + 1];
    int count = 0;
    for (int i = 2; i <= limit; i++) {
      if (!composite[i]) {
        count++;
        for (long multiple = (long) i * i; multiple <= limit; multiple += i) {
          composite[(int) multiple] = true;
        }
      }
    }
    return count;
  }
}
