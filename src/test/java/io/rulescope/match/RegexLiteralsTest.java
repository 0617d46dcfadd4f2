package io.rulescope.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a regex must contain and how short a match can be, for the prefilter and for turning values away before the
 * engine runs: only what every match has, or nothing. Each row also gives a text the regex matches, which must pass
 * the check (lower-cased, as the prefilter scans).
 */
class RegexLiteralsTest {

    @ParameterizedTest(name = "{0} needs \"{1}\", at least {2} characters")
    @CsvSource(delimiterString = ";;", textBlock = """
            \\\\rundll32\\.exe\\s+[a-z]+      ;; \\rundll32.exe                 ;; 15  ;; c:\\windows\\rundll32.exe  foo
            (?i)invoke-expression             ;; invoke-expre , ion             ;; 17  ;; IEX = Invoke-Expreſſion
            powershell(\\.exe)?\\s+-enc       ;; powershell , -enc              ;; 15  ;; powershell -enc AAA
            abc?def                           ;; def , ab                       ;; 5   ;; abdef
            ab+cdef                           ;; cdef , ab                      ;; 6   ;; abbbcdef
            x{0,3}longest                     ;; longest                        ;; 7   ;; longest
            a|bcdefgh                         ;;                                ;; 0   ;; a
            \\$env:comspec                    ;; $env:comspec                   ;; 12  ;; %COMSPEC% $env:comspec
            [a-z]{5}\\.tmp$                   ;; .tmp                           ;; 9   ;; abcde.tmp
            ^.*$                              ;;                                ;; 0   ;; anything
            .{1000,}                          ;;                                ;; 1000;; 
            \\s[a-fA-F0-9]{64}\\s[a-fA-F0-9]{16};;                              ;; 82  ;; x 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef 0123456789abcdef
            \\w+`(?:\\w+|-|.)`[\\w+|\\s]       ;; `                              ;; 4   ;; i`e`x foo
            (?i)echo.*clip.*&&.*(?:Clip|i`?n) ;; echo , clip , &&               ;; 10  ;; ECHO x | clip && inv
            \\bcertutil\\b\\s+-urlcache       ;; -urlcache , certutil           ;; 18  ;; certutil -urlcache -f
            \\x41bc                           ;;                                ;; 0   ;; Abc
            caf\u00e9s                         ;; caf , s                        ;; 5   ;; cafés
            """)
    void theFactsHoldOnlyWhatEveryMatchHas(String regex, String literals, int minLength, String sample) {
        RegexLiterals.Facts facts = RegexLiterals.of(regex.strip(), false);
        List<String> expected = literals == null ? List.of() : Arrays.stream(literals.split(",")).map(String::strip).toList();
        assertThat(facts.literals()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(facts.minLength()).isEqualTo(minLength);
        String text = sample == null ? "x".repeat(1000) : sample.strip();
        assertThat(com.google.re2j.Pattern.compile(regex.strip()).matcher(text).find()).as("the sample matches").isTrue();
        assertThat(facts.admits(text, text.toLowerCase(java.util.Locale.ROOT))).as("the sample passes the check").isTrue();
    }

    @Test
    void theLongestRunIsWhatThePrefilterAnchorsOn() {
        assertThat(RegexLiterals.of("(?i)echo.*clipboard.*&&", false).longest()).isEqualTo("clipboard");
        assertThat(RegexLiterals.of("a|bcdefgh", false).longest()).isEmpty();
    }

    @Test
    void aCaseInsensitiveFlagCutsRunsAtTheLongSWhichRe2jFoldsWithS() {
        assertThat(com.google.re2j.Pattern.compile("(?i)set").matcher("\u017fet").find()).as("RE2/J folds ſ with s").isTrue();
        assertThat(RegexLiterals.of("set", true).literals()).containsExactly("et");
        assertThat(RegexLiterals.of("set", false).literals()).containsExactly("set");
    }

    @Test
    void aValueShorterThanAnyMatchOrWithoutARequiredRunIsTurnedAway() {
        RegexLiterals.Facts facts = RegexLiterals.of("\\s[a-fA-F0-9]{64}\\s[a-fA-F0-9]{16}", false);
        assertThat(facts.admits("short", "short")).isFalse();
        RegexLiterals.Facts echo = RegexLiterals.of("(?i)echo.*clip.*&&", false);
        assertThat(echo.admits("echo something long enough", "echo something long enough")).isFalse();
        assertThat(echo.admits("ECHO a | CLIP && b", "echo a | clip && b")).isTrue();
    }
}
