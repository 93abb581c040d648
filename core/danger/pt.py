"""Portuguese (Brazilian first, European spellings too) danger phrasings.

Borderline choices (each covered by tests/unit/crisis_phrases/pt.toml):
- Figurative "isso vai me matar", "essa dúvida me mata", "morrer de vergonha / de rir",
  "me bateu uma saudade" and "a vida me deu uma surra" stay quiet; "ele vai me matar se
  descobrir" and "ele me bateu" fire.
- "me machuquei de novo" is how people speak of the old wound and stays quiet; "quero me
  machucar" and "me machuco de propósito" fire. "Não quero viver assim" stays quiet, "não quero
  mais viver" fires. "Medo dele me deixar" is not fear of him; "tenho medo dele." is.
- Common shortenings: "vc", "q", "to"/"tô" for "estou", "pra" for "para".
"""

from __future__ import annotations

_NOT_FIGURATIVE = (
    r"(?<!isso )(?<!isto )(?<!essa )(?<!esse )(?<!vida )(?<!notícia )(?<!saudade )"
    r"(?<!verdade )(?<!ansiedade )(?<!dúvida )(?<!tristeza )(?<!culpa )(?<!ficha )(?<!não )"
    r"(?<!nunca )"
)
_PARCEIRO = (
    r"(?:ele|ela|meu (?:marido|namorado|parceiro|companheiro|ex|esposo|noivo)|"
    r"minha (?:esposa|mulher|namorada|parceira|companheira|ex|noiva))"
)
_NOT_IDIOM = r"(?! de (?:rir|vergonha|saudade|tédio|fome|calor|frio|inveja|raiva|susto|amor)\b)"

_SUICIDE = (
    r"\bsuicid",
    r"\b(?:quero|queria|vou|vontade de|pensei em|penso em|pensando em|tentei|tentar|"
    rf"acabar) me matar\b{_NOT_IDIOM}",
    r"\bmatar-me\b",
    rf"\beu me mato\b{_NOT_IDIOM}",
    r"\b(?:tirar|tiro|tirei) (?:a )?minha (?:própria )?vida\b",
    r"\b(?:acabar|dar fim|pôr fim|por fim|dar cabo) (?:com|a|da|"
    r"à) (?:a )?minha (?:própria )?vida\b",
    r"\b(?<!não )(?:quero|queria|to querendo|tô querendo|estou querendo|vontade de|desejo) "
    r"(?:morrer|estar mort[oa]|sumir para sempre|sumir pra sempre|desaparecer para sempre|"
    rf"não existir|deixar de existir|não acordar)\b{_NOT_IDIOM}",
    r"\bnão quero (?:mais )?(?:viver|estar viv[oa]|continuar vivendo|continuar viv[oa]|"
    r"seguir vivendo)\b(?! (?:assim|com|em|sem|desse|dessa|deste|desta|aqui|junt\w*|perto|como|"
    r"ao lado|uma vida|sob|mentindo|nessa|nesse)\b)",
    r"\bnão (?:aguento|suporto|consigo) mais viver\b(?! (?:assim|com|desse|dessa|sem|nessa|"
    r"neste|nesta|nesse|como)\b)",
    r"\b(?:não tenho|não há|não existe|sem|nenhum) (?:mais )?(?:motivo|razão|motivos|razões|"
    r"sentido) (?:pra|para|de|em) (?:viver|continuar vivendo|continuar viv[oa])\b",
    r"\bnada (?:pelo|por) (?:que|o que) viver\b",
    r"\b(?:a vida|viver) não vale (?:mais )?a pena\b",
    r"\bnão vale a pena (?:viver|continuar vivendo|continuar viv[oa])\b",
    r"\bmelhor sem mim\b",
    r"\b(?:queria|quisera|preferia|prefiro|melhor) (?:estar|tá|ta|tar) mort[oa]\b",
    r"\b(?:queria|preferia) (?:nunca )?(?:não )?ter nascido\b",
    r"\b(?:dormir|deitar) e não acordar\b",
    r"\bnão (?:quero|queria) (?:mais )?acordar(?: mais| nunca mais)?\b"
    r"(?! (?:cedo|tarde|às|as|antes|com|pra|para|amanhã)\b)",
    r"\boverdose\b",
    r"\b(?:tomar|tomei|engolir|engoli|vou tomar) (?:todos os (?:meus )?(?:remédios|comprimidos|"
    r"calmantes)|todas as (?:minhas )?(?:pílulas|cápsulas)|a cartela (?:toda|inteira)|"
    r"uma cartela inteira|um monte de (?:remédios|comprimidos|calmantes)|uma caixa (?:toda|"
    r"inteira))\b",
    r"\b(?:me enforcar|me enforco|me envenenar|me dar um tiro|dar um tiro na (?:minha )?cabeça|"
    r"cortar (?:os|meus) pulsos|cortar o pulso)\b",
    r"\b(?:me jogar|me jogo|pular|me atirar) (?:d[aoe]|de uma|de um|na frente d[oe]|"
    r"na frente de um|embaixo d[oe]) (?:ponte|prédio|janela|viaduto|sacada|varanda|laje|penhasco|"
    r"trem|metrô|ônibus|caminhão)\b",
)

_SELF_HARM = (
    r"\bautomutil",
    r"\bauto-mutil",
    r"\bautoles",
    r"\b(?:me cortar|me corto|me cortei|me cortando|me cortava)\b(?! (?:cozinhando|sem querer|"
    r"fazendo|no|na|com|com papel|fazendo a barba|ao|de leve)\b)",
    r"\bme cort\w* (?:de novo|de propósito|outra vez|os braços|as pernas|os pulsos|as coxas)\b",
    r"\b(?:quero|vou|vontade de|preciso) me (?:machucar|ferir|queimar|cortar|bater)\b",
    r"\bme (?:machuco|machuquei|machucando|firo|feri) (?:de propósito|pra aliviar|para aliviar)\b",
    r"\bme (?:queimo|queimei|queimando) (?:de propósito|de novo|outra vez|com cigarro)\b",
)

_VIOLENCE_RECEIVED = (
    rf"\b(?=me\b){_NOT_FIGURATIVE}me (?:bateu|bate|batia|agrediu|agride|agredia|espancou|"
    r"espanca|espancava|"
    r"estuprou|estupra|violentou|sufocou|enforcou|estrangulou|chutou|socou|esmurrou|estapeou)\b"
    r"(?! (?:uma|um|aquela|aquele|forte|fundo|saudade|tristeza|vontade|desespero|medo)\b)",
    rf"\b(?=me\b){_NOT_FIGURATIVE}me (?:deu|dá|dava|deram) (?:um |uma )?(?:tapa|tapas|soco|"
    r"socos|murro|chute|"
    r"chutes|surra|tapão|bofetada|pancada|porrada|pontapé|empurrão)\b",
    r"\b(?:bateu|bate|batia|agrediu|espancou|espanca|estuprou|socou|chutou) (?:em mim|na gente|"
    r"nas crianças|nos meus filhos|no meu filho|na minha filha|nos filhos)\b",
    r"\bestupr",
    r"\babus(?:ou|a|ava) (?:sexualmente )?de mim\b",
    r"\babuso sexual\b",
    r"\bviolência (?:doméstica|sexual|física)\b",
    r"\bme (?:forçou|obrigou|força|obriga|forçava|obrigava|pressionou) a (?:transar|fazer sexo|"
    r"ter relações|ir pra cama|dormir com)\b",
    r"\bsexo (?:à força|forçado)\b",
    rf"\b(?=(?:vai|vão|ia|iam)\b){_NOT_FIGURATIVE}(?:vai|vão|ia|iam) me matar\b{_NOT_IDIOM}",
    rf"\b{_PARCEIRO} (?:\w+ )?me (?:mata|mataria|matar)\b{_NOT_IDIOM}",
    r"\b(?:me )?ameaç\w* (?:de morte|(?:de |a )?me matar|(?:de |a )?me bater|(?:de |"
    r"a )?me machucar|"
    r"(?:de |a )?me agredir|(?:de )?matar|(?:de )?se matar|com (?:uma |a |um |o )?(?:faca|arma|"
    r"revólver|pistola))\b",
    r"\b(?:medo|temo|pavor|receio)(?: de)?(?: que| q)? (?:\w+ )?(?:me|nos|a gente) (?:mate|bata|"
    r"agrida|espanque|estupre|machuque|faça algo)\b(?! (?:de novo|outra vez|emocionalmente|"
    r"como antes)\b)",
    r"\b(?:tenho|to com|tô com|estou com|sinto) (?:muito )?(?:medo|pavor) (?:dele|dela|do meu "
    r"(?:marido|namorado|parceiro|companheiro|ex)|da minha (?:esposa|mulher|namorada|parceira|ex))"
    r"(?= *(?:[.,!?;)]|$| quando| às vezes| agora| e | porque| fisicamente))",
    r"\b(?:temo|medo|tenho medo) (?:pela|de perder a) minha vida\b",
    r"\bnão me sinto segur[ao] (?:em casa|na minha (?:própria )?casa|dentro de casa)\b",
    r"\b(?:estou|to|tô|tou|estamos|meus filhos estão|as crianças estão) em perigo\b",
    r"\b(?:apertou|agarrou|pegou|segurou|aperta) (?:o )?meu pescoço\b",
    r"\bme (?:agarrou|pegou|segurou|enforcou) pel[oa] (?:pescoço|cabelo|garganta)\b",
    r"\bmãos no meu pescoço\b",
    r"\b(?:jogou|atirou|tacou|arremessou) (?:um |uma |o |a )?(?:prato|copo|celular|telefone|"
    r"cadeira|faca|garrafa|sapato|chave|chaves|controle|xícara)s? (?:em mim|na minha (?:cara|"
    r"direção|cabeça))\b",
    r"\bme (?:empurrou|jogou|empurra) (?:contra|no chão|na parede|escada abaixo|da escada)\b",
)

_VIOLENCE_THREATENED = (
    r"\b(?<!não )(?:vou|quero|posso|podia|poderia|vontade de|eu) (?:matar|esfaquear|estrangular) "
    r"(?:ele|ela|eles|elas|essa|esse|aquela|aquele|meu|minha|você|vc)\b",
    r"\b(?<!não )(?:matá-l[oa]s?|esfaqueá-l[oa]|estrangulá-l[oa])\b",
    rf"\b(?<!não )(?:vou te matar|eu te mato|te mato)\b{_NOT_IDIOM}",
    r"\b(?<!não )(?:vou|quero|vontade de|to com vontade de|tô com vontade de) (?:bater|dar um tapa|"
    r"dar uma surra|dar um soco|socar|espancar|machucar) (?:nele|nela|ele|ela|essa|esse|aquela|"
    r"aquele|em você|você|vc)\b(?! (?:também|de volta|do mesmo jeito|igual|emocionalmente|como)\b)",
    r"\beu (?:bati|dei um tapa|dei um soco|dei uma surra|empurrei|enforquei|sufoquei) "
    r"(?:nele|nela|em (?:ele|ela|você)|ele|ela)\b",
)

PATTERNS: tuple[str, ...] = (*_SUICIDE, *_SELF_HARM, *_VIOLENCE_RECEIVED, *_VIOLENCE_THREATENED)
