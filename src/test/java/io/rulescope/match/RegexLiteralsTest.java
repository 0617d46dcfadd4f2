package io.rulescope.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a regex must contain, for the prefilter: only text every match has, or nothing. Each row also gives a text the
 * regex matches, which must contain the literal (lower-cased, as the prefilter scans).
 */
class RegexLiteralsTest {

    @ParameterizedTest(name = "{0} needs \"{1}\"")
    @CsvSource(delimiterString = ";;", textBlock = """
            \\\\rundll32\\.exe\\s+[a-z]+      ;; \\rundll32.exe      ;; c:\\windows\\rundll32.exe  foo
            (?i)invoke-expression             ;; invoke-expression   ;; IEX = Invoke-Expression
            powershell(\\.exe)?\\s+-enc       ;; powershell          ;; powershell -enc AAA
            abc?def                           ;; def                 ;; abdef
            ab+cdef                           ;; cdef                ;; abbbcdef
            x{0,3}longest                     ;; longest             ;; longest
            a|bcdefgh                         ;;                     ;; a
            \\$env:comspec                    ;; $env:comspec        ;; %COMSPEC% $env:comspec
            [a-z]{5}\\.tmp$                   ;; .tmp                ;; abcde.tmp
            ^.*$                              ;;                     ;; anything
            """)
    void theRequiredLiteralIsOnlyTextEveryMatchContains(String regex, String literal, String sample) {
        String expected = literal == null ? "" : literal.strip();
        assertThat(RegexLiterals.required(regex.strip())).isEqualTo(expected);
        assertThat(com.google.re2j.Pattern.compile(regex.strip()).matcher(sample.strip()).find()).as("the sample matches").isTrue();
        assertThat(sample.strip().toLowerCase(java.util.Locale.ROOT)).contains(expected);
    }
}
