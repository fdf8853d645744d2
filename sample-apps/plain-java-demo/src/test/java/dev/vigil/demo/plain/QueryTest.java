package dev.vigil.demo.plain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class QueryTest {

  @Test
  void usesTheFallbackForAnAbsentParameter() {
    assertThat(Query.of(URI.create("/x")).intParam("n", 7, 0, 10)).isEqualTo(7);
  }

  @Test
  void decodesPercentEncodedNamesAndValues() {
    assertThat(Query.of(URI.create("/x?%6E=%33")).intParam("n", 7, 0, 10)).isEqualTo(3);
  }

  @Test
  void keepsTheLastValueOfARepeatedParameter() {
    assertThat(Query.of(URI.create("/x?n=1&n=2")).intParam("n", 7, 0, 10)).isEqualTo(2);
  }

  @Test
  void rejectsAnEmptyValueNamingTheParameter() {
    assertThatThrownBy(() -> Query.of(URI.create("/x?n")).intParam("n", 7, 0, 10))
        .isInstanceOf(BadRequestException.class)
        .hasMessage("parameter 'n' must be an integer from 0 to 10, was ''");
  }

  @Test
  void rejectsAnAbsentRequiredParameterNamingIt() {
    assertThatThrownBy(() -> Query.of(URI.create("/x?m=1")).intParam("n", 1, 10))
        .isInstanceOf(BadRequestException.class)
        .hasMessage("parameter 'n' is required: an integer from 1 to 10");
  }

  @Test
  void readsAPresentRequiredParameter() {
    assertThat(Query.of(URI.create("/x?n=4")).intParam("n", 1, 10)).isEqualTo(4);
  }

  @Test
  void rejectsARateOutsideZeroToOne() {
    assertThatThrownBy(() -> Query.of(URI.create("/x?rate=1.5")).rateParam("rate", 0.3))
        .hasMessage("parameter 'rate' must be a number from 0 to 1, was '1.5'");
    assertThatThrownBy(() -> Query.of(URI.create("/x?rate=NaN")).rateParam("rate", 0.3))
        .hasMessage("parameter 'rate' must be a number from 0 to 1, was 'NaN'");
  }
}
