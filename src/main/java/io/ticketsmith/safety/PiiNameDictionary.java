package io.ticketsmith.safety;

import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Common English and German first names, and capitalised words that follow a name-like word without being a
 * surname. A first name from this list next to a capitalised word is what makes the redactor confident that it
 * sees a person; a capitalised word alone never is.
 */
final class PiiNameDictionary {

    private static final Set<String> FIRST_NAMES = words("""
            Aaron Abigail Adam Adrian Agnes Aisha Alan Albert Alex Alexa Alexander Alexandra Alfred Ali Alice Alicia
            Alina Alison Allison Amanda Amber Amelia Amy Andrea Andreas Andrew Angela Angelika Anja Anke Ann Anna
            Anne Annette Annika Anthony Anton Antonia Arne Arthur Ashley Astrid Axel Barbara Bastian Beate Ben
            Benedikt Benjamin Bernd Bernhard Bettina Betty Beverly Bianca Birgit Bjorn Björn Boris Brandon Brenda
            Brian Brigitte Bruce Bruno Bryan Carina Carl Carla Carmen Carol Caroline Carolyn Carsten Catherine Charles
            Charlotte Cheryl Chloe Chris Christa Christian Christina Christine Christoph Christopher Claudia Clemens
            Colin Conrad Constanze Cornelia Craig Cynthia Daniel Daniela Danielle David Deborah Debra Denis
            Dennis Diana Diane Dieter Dirk Dominik Donald Donna Doris Dorothea Dorothy Douglas Dylan Edith Edward
            Elena Elias Elif Elisabeth Elizabeth Elke Ella Ellen Emil Emilia Emily Emma Eric Erik Erika Ernst Ethan
            Eugen Eva Evelyn Fabian Felix Finn Florian Frances Franz Franziska Frederik Friedrich Frieda Gabriel
            Gabriele Gary George Georg Gerald Gerhard Gertrud Gisela Gregor Gregory Gudrun Günter Günther Hanna
            Hannah Hannes Hans Harald Harold Harry Heather Heike Heinz Helen Helena Helga Helmut Hendrik Henning
            Henry Herbert Hermann Holger Horst Hugo Ian Ida Ilse Ines Inga Inge Ingo Ingrid Irene Iris Isabel
            Isabella Jacob Jacqueline Jakob James Jan Jana Janet Janice Janina Jasmin Jason Jean Jeffrey Jennifer
            Jens Jeremy Jerry Jessica Joachim Joan Joanna Jochen Johann Johanna Johannes John Jonas Jonathan Jörg
            Jose Joseph Joshua Joyce Judith Judy Julia Julian Juliane Julie Justin Jürgen Jutta Karen Karin Karl
            Katharina Katherine Kathleen Kathrin Katja Katrin Kayla Keith Kelly Kenneth Kerstin Kevin Kim Kimberly
            Klaus Konstantin Kristin Kyle Larry Lars Laura Lauren Lea Lena Leon Leonie Liam Lilly Linda Lisa Lucas
            Lucy Ludwig Luis Lukas Luisa Lutz Madison Magdalena Maik Maja Manfred Manuel Manuela Marc Marcel Marco
            Marcus Margaret Margarete Maria Marie Marina Mario Marion Markus Marlene Martha Martin Martina Mary
            Mathias Matthew Matthias Maximilian Megan Melanie Melissa Mia Michael Michaela Michelle Mike Milan Mira
            Miriam Monika Moritz Nadine Nancy Natalie Nathan Nicholas Nicole Niklas Nico Nils Nina Noah Norbert
            Oliver Olivia Olaf Oskar Otto Pamela Pascal Patricia Patrick Paul Paula Peter Petra Philipp Pia
            Rachel Rainer Ralf Ralph Raymond Rebecca Regina Reinhard Renate Rene René Richard Robert Roger Roland
            Rolf Ronald Rosemarie Ruth Ryan Sabine Sabrina Samantha Samuel Sandra Sara Sarah Sascha Scott Sean
            Sebastian Sharon Shirley Silke Simon Simone Sofia Sophia Sophie Stefan Stefanie Steffen Stephan
            Stephanie Stephen Steven Susan Susanne Sven Svenja Sylvia Tanja Teresa Theresa Thomas Thorsten Tim
            Timo Timothy Tina Tobias Tom Torsten Tyler Udo Ulla Ulrich Ulrike Ursula Ute Uwe Valentin Vanessa
            Vera Victoria Viktor Vincent Virginia Volker Walter Werner Wilhelm William Willi Wolfgang Yannick
            Yvonne Zoe
            Bob Jim Joe Sam Dan Dave Steve Tony Nick Matt Kate Jenny Jane Ted Ken Ray Roy Phil Rob Greg Jeff Josh
            Jake Luke Sue Liz Meg Lily Ruby Uli Steffi Jule Lotte Tilo Kai Jannik Malte Mats Ole Leni Merle Greta
            Frida Paulina Luca Henrik Janne Levin Lennart Thilo Detlef Dietmar Rüdiger Siegfried Waltraud Hildegard
            Elfriede Ingeborg Gerda Heidi Hanne Marta Bärbel Dagmar Kirsten Nadja Natascha Nele Sina Tamara Verena
            Wiebke Insa Frauke Gesa Hauke Jannes Lasse Mattis Ronja Svea Theo Toni Mehmet Ahmet Fatma Ayse Emre
            Deniz Mohammed Yusuf Leyla Dmitri Olga Natalia Irina Piotr Katarzyna Anastasia Ivan Giulia Francesca
            Pierre Camille Carlos Lucia Pablo Javier Priya Raj Arjun Rahul Anil Sanjay Ahmed Omar Fatima Layla
            Zeynep Mustafa Hasan Tomasz Agnieszka Marek Ewa Jakub Petr Lucie Tereza Ondrej Henrike Annegret
            Gunnar Jasper Emilie Carolin Lina Leonard Ludger Hubert Gottfried Reinhold Edeltraud Roswitha
            """);

    /**
     * First names that are also ordinary words ("Max heap size", "Will this be fixed", "Mark as done"), programming
     * languages, tools, brands or places (Julia, Ruby, Hugo, Otto, Milan). They count as names only where the
     * context says so: after a title, a salutation or a sign-off.
     */
    private static final Set<String> AMBIGUOUS_FIRST_NAMES = words("""
            April August Bill Can Chase Christian Dawn Ernst Frank Grace Hope Iris Ivy Jack Jay Jordan June Mark
            Max May Page Pat Rich Rose Rosa Sunny Till Will Victoria
            Julia Ruby Pascal Hugo Otto Jasper Milan Sofia Kai Ada Elixir Jenkins Florence
            """);

    /**
     * Capitalised words that follow a first name or a greeting without being a name: weekdays, months, sign-off
     * and greeting words, the groups a greeting addresses ("Hello Team", "Hallo Zusammen"), company words, and
     * nouns German capitalises that turn up in tickets ("Kannst du Anna Zugriff geben?").
     */
    private static final Set<String> NOT_SURNAMES = words("""
            The This That These There Then Thanks Thank Regards Best Cheers Hello Dear Team Support Service
            Services Customer Customers Admin Administrator Account Accounts Login Logout Bug Bugs Ticket Tickets
            Issue Issues Order Orders Invoice Invoices Error Errors Page Pages App Apps Server Servers Client
            Please Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
            July August September October November December Montag Dienstag Mittwoch Donnerstag Freitag Samstag
            Sonntag Januar Februar März Mai Juni Juli Oktober Dezember GmbH Inc Ltd Corp Company Group
            Kunde Kundin Kunden Kundenservice Konto Rechnung Rechnungen Bestellung Bestellungen Problem Probleme
            Fehler Fehlermeldung Seite Seiten Hallo Danke Dank Gruß Grüße Grüßen Viele Beste Liebe Lieber
            Abteilung Buchhaltung Vertrieb Einkauf Support Zugang Passwort Anmeldung Bitte Heute Gestern Morgen
            Sie Ihr Ihre Ihnen Wir Uns Der Die Das Den Dem Des Ein Eine Einen Und Oder Aber Mit Von Aus Bei
            Nach Seit Für Auf Im In Am An Zum Zur Ich Er Es Ja Nein Hi Hey From To Cc Subject Betreff And Or But
            With Via For In On At By Is Was Yes No Not Our Your My Also Again Sent Best Finance Sales Marketing
            Engineering Accounting Operations Product Produkt Mail Email Telefon Phone Mobile Fax Web Website
            Checkout Dashboard Export Import Report Reports Update Upgrade Release Version Build Java Spring
            Chrome Firefox Safari Edge Windows Linux Android Excel Outlook Teams Slack Jira Confluence
            Zugriff Urlaub Bescheid Anruf Rückruf Termin Feedback Info Infos Hilfe Recht Rechte Zeit Lust Angst
            Fragen Frage Daten Nachricht Rückmeldung Antwort Geld Dienst Schicht Home Office Homeoffice Bericht
            Freigabe Admin-Rechte Lizenz Lizenzen Schreibrechte Leserechte Zugangsdaten Bestätigung Vertretung
            Access Permission Permissions Rights Leave Vacation Holiday Approval Feedback Credentials Licence
            License Help Time Update Updates Mails Laptop Handy Telefon Nummer Adresse Bescheid Krankmeldung
            Everyone Everybody All Folks Devs Developers Entwickler Leute Guys Ladies Gentlemen Herren Damen
            Kollegen Kolleginnen Zusammen Valued Sir Madam Community Colleagues Friends Board Management
            """);

    /**
     * Endings of German nouns that hardly any surname has: "Rückmeldung", "Freiheit", "Situation". Short words
     * ending in "ung" stay possible surnames ("Jung").
     */
    private static final Pattern NOUN_ENDING = Pattern.compile(
            ".{3,}ung|.*(?:heit|keit|schaft|tion|sion|tät|nis|ismus)");

    private PiiNameDictionary() {
    }

    static boolean isFirstName(String word) {
        return FIRST_NAMES.contains(word) || AMBIGUOUS_FIRST_NAMES.contains(word);
    }

    /** A first name that is not also an ordinary word, so it marks a person even without a title. */
    static boolean isUnambiguousFirstName(String word) {
        return FIRST_NAMES.contains(word) && !AMBIGUOUS_FIRST_NAMES.contains(word);
    }

    static boolean canBeSurname(String word) {
        if (NOUN_ENDING.matcher(word).matches()) {
            return false;
        }
        for (String part : word.split("-")) {
            if (NOT_SURNAMES.contains(part)) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.strip().split("\\s+")).collect(Collectors.toUnmodifiableSet());
    }
}
