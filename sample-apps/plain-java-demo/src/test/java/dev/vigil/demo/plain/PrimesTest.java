package dev.vigil.demo.plain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrimesTest {

  /** Known values of the prime-counting function pi(n). */
  @ParameterizedTest(name = "pi({0}) = {1}")
  @CsvSource({"0,0", "1,0", "2,1", "3,2", "10,4", "100,25", "1000,168", "1000000,78498"})
  void countsThePrimesUpToAndIncludingTheLimit(int limit, int expected) {
    assertThat(Primes.countUpTo(limit)).isEqualTo(expected);
  }
}
