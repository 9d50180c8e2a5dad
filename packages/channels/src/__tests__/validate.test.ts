import { messengerProblems, smsProblems, telegramProblems, ussdProblems, whatsappProblems } from '../validate';

const wa = (message: Record<string, unknown>) => whatsappProblems({ messaging_product: 'whatsapp', to: '254700000000', ...message });
const text = (body: string) => wa({ type: 'text', text: { body } });
const buttons = (...titles: string[]) =>
  wa({
    type: 'interactive',
    interactive: { type: 'button', body: { text: 'Pick' }, action: { buttons: titles.map((title, index) => ({ type: 'reply', reply: { id: `b${index}`, title } })) } },
  });
type Row = { id: string; title: string; description?: string };
const list = (rows: Row[], extra: Record<string, unknown> = {}, sections: Array<{ title?: string; rows: Row[] }> = [{ rows }]) =>
  wa({ type: 'interactive', interactive: { type: 'list', body: { text: 'Pick' }, action: { button: 'Choose', sections }, ...extra } });
const rows = (count: number): Row[] => Array.from({ length: count }, (_, index) => ({ id: `r${index}`, title: `Row ${index}` }));

describe('whatsappProblems', () => {
  it('accepts well-formed text, image, button and list messages', () => {
    expect(text('Hello')).toEqual([]);
    expect(wa({ type: 'image', image: { link: 'https://cms.example.org/a.jpg', caption: 'x'.repeat(1024) } })).toEqual([]);
    expect(buttons('One', 'Two', 'Three')).toEqual([]);
    expect(list(rows(10), { header: { type: 'text', text: 'h'.repeat(60) } })).toEqual([]);
  });

  it('rejects a payload without messaging_product or recipient', () => {
    expect(whatsappProblems({ type: 'text', text: { body: 'x' } })).toHaveLength(1);
    expect(whatsappProblems({ messaging_product: 'whatsapp', to: '', type: 'text', text: { body: 'x' } })).toHaveLength(1);
    expect(whatsappProblems('hello')).toHaveLength(1);
  });

  it('rejects a text body over 4096 and an empty one', () => {
    expect(text('x'.repeat(4097))).toEqual(['text body is 4097 characters, over 4096 by 1']);
    expect(text('')).toEqual(['text body is empty']);
  });

  it('rejects a caption of 1025 characters and an image link that is not a URL', () => {
    expect(wa({ type: 'image', image: { link: 'https://cms.example.org/a.jpg', caption: 'x'.repeat(1025) } })).toEqual(['image caption is 1025 characters, over 1024 by 1']);
    expect(wa({ type: 'image', image: { link: '/uploads/a.jpg' } })).toHaveLength(1);
  });

  it('rejects 4 reply buttons and none at all', () => {
    expect(buttons('1', '2', '3', '4')).toContain('4 reply buttons, allowed 1–3');
    expect(buttons()).toContain('0 reply buttons, allowed 1–3');
  });

  it('rejects duplicate button titles and a title over 20', () => {
    expect(buttons('Same', 'Same')).toEqual(['button titles must be unique (got Same, Same)']);
    expect(buttons('x'.repeat(21))).toEqual(['button 1 title is 21 characters, over 20 by 1']);
  });

  it('rejects 11 list rows and a list with none', () => {
    expect(list(rows(11))).toEqual(['11 list rows, allowed 1–10']);
    expect(list([])).toEqual(['0 list rows, allowed 1–10']);
  });

  it('counts rows across sections, and wants every section titled when there are several', () => {
    expect(list([], {}, [{ title: 'A', rows: rows(6) }, { title: 'B', rows: rows(5).map((row) => ({ ...row, id: `s${row.id}` })) }])).toEqual(['11 list rows, allowed 1–10']);
    expect(list([], {}, [{ rows: rows(1) }, { title: 'B', rows: [{ id: 'other', title: 'x' }] }])).toEqual(['section 1 needs a title when there are several sections']);
  });

  it('rejects a row title of 25 characters, a description of 73 and duplicate row ids', () => {
    expect(list([{ id: 'a', title: 'x'.repeat(25) }])).toEqual(['row 1 title is 25 characters, over 24 by 1']);
    expect(list([{ id: 'a', title: 'ok', description: 'd'.repeat(73) }])).toEqual(['row 1 description is 73 characters, over 72 by 1']);
    expect(list([{ id: 'a', title: 'one' }, { id: 'a', title: 'two' }])).toEqual(['row ids must be unique (got a, a)']);
  });

  it('rejects a list header over 60 and a list button over 20', () => {
    expect(list(rows(2), { header: { type: 'text', text: 'h'.repeat(61) } })).toEqual(['list header is 61 characters, over 60 by 1']);
    expect(wa({ type: 'interactive', interactive: { type: 'list', body: { text: 'Pick' }, action: { button: 'b'.repeat(21), sections: [{ rows: rows(1) }] } } })).toEqual([
      'list button is 21 characters, over 20 by 1',
    ]);
  });

  it('rejects an interactive body over 1024', () => {
    expect(wa({ type: 'interactive', interactive: { type: 'list', body: { text: 'x'.repeat(1025) }, action: { button: 'Choose', sections: [{ rows: rows(1) }] } } })).toEqual([
      'interactive body is 1025 characters, over 1024 by 1',
    ]);
  });
});

describe('smsProblems', () => {
  it('accepts a reply of 3 GSM-7 parts and rejects one of 4', () => {
    expect(smsProblems('a'.repeat(459))).toEqual([]);
    expect(smsProblems('a'.repeat(460))).toEqual(['SMS reply needs 4 GSM-7 parts, at most 3']);
  });

  it('counts UCS-2 parts once one character is outside GSM-7', () => {
    expect(smsProblems(`ƙ${'a'.repeat(200)}`)).toEqual([]);
    expect(smsProblems(`ƙ${'a'.repeat(201)}`)).toEqual(['SMS reply needs 4 UCS-2 parts, at most 3']);
  });

  it('rejects an empty or blank reply', () => {
    expect(smsProblems('')).toEqual(['SMS text is empty']);
    expect(smsProblems(' \n ')).toEqual(['SMS text is empty']);
  });
});

describe('ussdProblems', () => {
  it('accepts CON and END answers within the budget', () => {
    expect(ussdProblems(`CON ${'a'.repeat(160)}`, 160)).toEqual([]);
    expect(ussdProblems('END Thank you', 160)).toEqual([]);
    expect(ussdProblems(`CON ${'a'.repeat(182)}`, 182)).toEqual([]);
  });

  it('rejects an answer without CON or END', () => {
    const message = ['USSD answer must start with "CON " or "END "'];
    expect(ussdProblems('Hello', 160)).toEqual(message);
    expect(ussdProblems('CONHello', 160)).toEqual(message);
    expect(ussdProblems('con Hello', 160)).toEqual(message);
  });

  it('rejects a screen over the budget, never allowing more than 182', () => {
    expect(ussdProblems(`CON ${'a'.repeat(161)}`, 160)).toEqual(['USSD screen is 161 characters, over 160 by 1']);
    expect(ussdProblems(`CON ${'a'.repeat(183)}`, 200)).toEqual(['USSD screen is 183 characters, over 182 by 1']);
    expect(ussdProblems(`CON ${'a'.repeat(81)}`, 80)).toHaveLength(1);
  });

  it('counts extension characters as 2 septets', () => {
    expect(ussdProblems(`CON ${'a'.repeat(158)}€`, 160)).toEqual([]);
    expect(ussdProblems(`CON ${'a'.repeat(159)}€`, 160)).toEqual(['USSD screen is 161 characters, over 160 by 1']);
  });

  it('allows only 80 on a screen with a non-GSM character', () => {
    expect(ussdProblems(`CON ƙ${'a'.repeat(79)}`, 160)).toEqual([]);
    expect(ussdProblems(`CON ƙ${'a'.repeat(80)}`, 160)).toEqual(['USSD screen is 81 characters, over 80 by 1']);
    expect(ussdProblems(`CON 😀${'a'.repeat(79)}`, 160)).toEqual(['USSD screen is 81 characters, over 80 by 1']);
  });

  it('rejects a numbered choice that clashes with a reserved key', () => {
    expect(ussdProblems('CON Menu\n98. Oops\n98 More', 160)).toEqual(['menu choice 98 clashes with a reserved key']);
    expect(ussdProblems('CON Menu\n0. Oops', 160)).toEqual(['menu choice 0 clashes with a reserved key']);
  });
});

describe('telegramProblems', () => {
  it('rejects text over 4096, empty text and a body without chat_id', () => {
    expect(telegramProblems({ chat_id: 1, text: 'x'.repeat(4096) })).toEqual([]);
    expect(telegramProblems({ chat_id: 1, text: 'x'.repeat(4097) })).toEqual(['text is 4097 characters, over 4096 by 1']);
    expect(telegramProblems({ chat_id: 1, text: '' })).toEqual(['text is empty']);
    expect(telegramProblems({ text: 'x' })).toHaveLength(1);
  });
});

describe('messengerProblems', () => {
  const replies = (count: number, title = 'ok') => Array.from({ length: count }, (_, index) => ({ content_type: 'text', title, payload: `p${index}` }));

  it('accepts 13 quick replies with titles of 20', () => {
    expect(messengerProblems({ text: 'x', quick_replies: replies(13, 't'.repeat(20)) })).toEqual([]);
  });

  it('rejects 14 quick replies, a title of 21 and text over 2000', () => {
    expect(messengerProblems({ text: 'x', quick_replies: replies(14) })).toEqual(['14 quick replies, at most 13']);
    expect(messengerProblems({ text: 'x', quick_replies: replies(1, 't'.repeat(21)) })).toEqual(['quick reply 1 title is 21 characters, over 20 by 1']);
    expect(messengerProblems({ text: 'x'.repeat(2001) })).toEqual(['text is 2001 characters, over 2000 by 1']);
  });

  it('rejects something that is not a text message', () => {
    expect(messengerProblems({ attachment: {} })).toHaveLength(1);
  });
});
