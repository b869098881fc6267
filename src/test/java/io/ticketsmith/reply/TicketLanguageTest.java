package io.ticketsmith.reply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TicketLanguageTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "The login page gives a 500 since yesterday's deploy, please make it a bug for WEB | en",
            "Seit dem Update ist die Anmeldung nicht mehr möglich, bitte prüfen Sie das | de",
            "Depuis la mise à jour, je ne peux pas me connecter, merci de vérifier | fr",
            "Desde la actualización no puedo entrar, el inicio de sesión no funciona | es",
            "Sinds de update kan ik niet meer inloggen, graag een oplossing | nl",
            "Hallo [NAME_1], die Rechnung von [EMAIL_2] ist nicht angekommen | de",
            "500 | en",
            "WEB-12 | en"})
    void aTicketIsAnsweredInTheLanguageItIsWrittenIn(String text, String code) {
        assertThat(TicketLanguage.of(text).code()).isEqualTo(code);
    }
}
