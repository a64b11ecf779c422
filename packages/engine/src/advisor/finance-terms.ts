/**
 * Finlet's zh-CN/en finance thesaurus: one concept a line, `id | kind | zh-CN terms | en terms`, terms
 * separated by commas. A concept joins the words a customer, a product team and the other language
 * use for one thing (婚礼 / 婚庆 / 婚宴 / wedding), so that retrieval meets a question in either
 * language and in everyday words. `product` concepts name a product or service, `attribute`
 * concepts something asked about one (a fee, a term, a limit), `term` concepts anything else.
 * English terms are matched word by word after stemming, Chinese terms as substrings.
 * Reviewed like code: a change here changes what the advisor finds.
 */
export const FINANCE_TERMS = `
car-loan|product|车贷,汽车贷款,汽车消费贷款,购车贷款,买车贷款,汽车金融,车辆贷款,购车分期,汽车分期|car loan,auto loan,vehicle loan,car finance,auto finance,car financing
car|term|汽车,新车,二手车,买车,购车,车辆,轿车|car,vehicle,automobile,used car,new car
motorcycle|product|摩托车,电动车,电瓶车|motorcycle,motorbike,scooter,e-bike
mortgage|product|房贷,住房贷款,个人住房贷款,按揭,按揭贷款,住房按揭,购房贷款,买房贷款,房屋贷款,商业贷款买房|mortgage,home loan,housing loan,home mortgage,property loan
home|term|住房,房子,房屋,首套房,二套房,购房,买房|home,house,property,residential property,flat,apartment
first-home|term|首套,首套房,首套住房|first home,first-time buyer
second-home|term|二套,二套房,第二套住房|second home
provident-fund|product|公积金,住房公积金,公积金贷款|housing provident fund,provident fund
renovation-loan|product|装修贷,装修贷款,家装贷|renovation loan,home improvement loan
renovation|term|装修,家装,翻新|renovation,renovate,home improvement
credit-card|product|信用卡,贷记卡,卡片|credit card
card-instalment|product|账单分期,信用卡分期,信用卡账单分期,卡分期|bill instalment,card instalment,credit card instalment,credit card bill instalment,statement instalment,split my credit card bill,split my bill,split the bill
instalment|term|分期,分几期,分成若干期,期数|instalment,installment,instalments,installments,split,monthly payments
platinum-card|product|白金卡,钻石卡,黑金卡|platinum card,platinum,diamond card,black card
private-banking|product|私人银行,私行|private banking,private-banking,private bank
debit-card|product|借记卡,储蓄卡,银行卡,工资卡|debit card,bank card,payroll debit card
annual-fee|attribute|年费|annual fee,yearly fee,card fee
atm|term|取现,取款,提现,atm,取钱|cash withdrawal,withdraw cash,atm,cash out,take out cash
abroad|term|境外,国外,海外,出境,出国,国际|abroad,overseas,outside mainland china,international,foreign
lost-card|term|挂失,补办,丢失,卡丢了,遗失|lost card,replace,replacement,stolen card
payroll|product|代发工资,代发,发工资,工资代发,代发薪,薪资代发,批量代发|payroll,payroll service,salary payment,pay salaries,salaries,salary
employee|term|员工,职工,雇员,人数,工人|employee,employees,staff,workers,headcount
fx-forward|product|远期结售汇,远期结汇,远期售汇,锁汇,锁定汇率,远期外汇,远期合约|fx forward,forward contract,currency forward,forward exchange,lock in an exchange rate,lock in the exchange rate,lock the rate,hedge currency
fx-spot|product|即期结售汇,结汇,售汇,换汇,购汇|spot exchange,currency exchange,buy foreign currency,convert currency
exchange-rate|attribute|汇率,牌价|exchange rate,fx rate,rate of exchange
hedging|term|套期保值,规避汇率风险,汇率风险,汇率波动|hedge,hedging,currency risk,exchange rate risk
margin|attribute|保证金,押金|margin,deposit required,collateral deposit
rollover|attribute|展期,延期,续做|extend,extension,roll over,rollover
currency|term|币种,外币,货币|currency,currencies,foreign currency
usd|term|美元,美金|us dollar,usd,dollar
eur|term|欧元|euro,eur
jpy|term|日元|yen,jpy
hkd|term|港币,港元|hong kong dollar,hkd
travel-insurance|product|旅行保险,旅游保险,旅行险,旅游险,境外旅行险,出境旅游保险,出境险,出国保险,境外旅行保险|travel insurance,trip insurance,overseas travel insurance,holiday insurance
insurance|term|保险,保单,投保,承保,险种|insurance,insure,insured,policy,cover,coverage
pet-insurance|product|宠物保险,宠物险|pet insurance
cruise|product|邮轮,游轮|cruise
premium|attribute|保费,保险费|premium,insurance premium
sum-insured|attribute|保额,保险金额,保障额度,赔付上限|sum insured,cover limit,covered up to,coverage limit
medical|term|医疗,医疗费用,看病,住院|medical,medical expenses,hospital,treatment
claim|attribute|理赔,索赔,报案,申请理赔|claim,file a claim,report a claim,make a claim
visa|term|签证,申根|visa,schengen
cancellation|term|行程取消,取消行程|trip cancellation,cancel my trip
evacuation|term|紧急救援,医疗转运|emergency evacuation,evacuation
large-deposit|product|大额存单,大额存款,存单|certificate of deposit,large-denomination certificate of deposit,large deposit,cd
time-deposit|product|定期存款,定期,整存整取|time deposit,fixed deposit,term deposit
demand-deposit|term|活期,活期存款|demand deposit,current account rate,savings rate
deposit|term|存款,存钱,储蓄,起存|deposit,save,savings
deposit-insurance|term|存款保险,存款保险制度|deposit insurance,deposit protection
early-withdrawal|attribute|提前支取,提前取出,提前取|withdraw early,early withdrawal,break the deposit
transferable|term|转让,可转让|transferable,sell the deposit
wealth|product|理财,理财产品,财富管理,资管|wealth product,wealth management,investment product
gold|product|积存金,黄金积存,存金,黄金定投,黄金账户|gold accumulation,gold savings,gold plan,gold account
gold-bar|term|金条,实物金,实物黄金|gold bar,physical gold,gold bars,bars
fund|product|基金,公募基金,基金定投|fund,mutual fund,fund investment
stock|term|股票,炒股,股市|stock,stocks,shares,equities
pension|product|个人养老金,养老金账户,养老账户,养老金|personal pension,pension account,pension,retirement account
retirement|term|退休,法定退休年龄,领取|retirement,retire,retirement age
tax|term|个人所得税,个税,税前扣除,抵扣,税收优惠|income tax,tax,tax deduction,deducted before tax
sme-loan|product|流动资金贷款,流贷,小微企业流动资金贷款,经营周转贷款,周转贷款|working capital loan,working-capital loan,sme loan,operating loan
business-loan|product|经营贷,经营性贷款,企业贷款,小微贷款,对公贷款,普惠小微信用贷,小微信用贷,普惠贷款|business loan,company loan,commercial loan,small-business credit loan,small business loan
sme|term|小微企业,中小企业,小企业,个体户,企业,公司|sme,small business,small and medium enterprise,company,business,firm
collateral|attribute|抵押,担保,抵押物,质押,保证人,担保人|collateral,security,secured,guarantee,guarantor,property as security
unsecured|term|信用贷款,无抵押,免抵押,纯信用|unsecured,no collateral,without collateral
revolving|term|循环,随借随还,循环使用|revolving,revolve,revolves,draw down
sales|term|营业收入,销售额,营收,年销售|annual sales,turnover,revenue,sales
operating-years|attribute|经营年限,成立年限,经营满,成立满|years in business,operated for,operating history
wedding-loan|product|婚庆消费贷,婚庆贷,婚礼贷款,结婚贷款,婚庆贷款|wedding loan,marriage loan
wedding|term|婚礼,婚庆,婚宴,结婚,婚纱,婚纱摄影,蜜月,办酒,喜宴|wedding,marriage,marry,getting married,wedding banquet,honeymoon,bridal
study-loan|product|留学贷款,出国留学贷款,留学贷,出国读书贷款,助学贷款,教育贷款|study abroad loan,student loan,education loan,tuition loan
study|term|留学,出国读书,读书,上学,学费,生活费,学位,语言课程,毕业|study,studies,study abroad,tuition,degree,graduation,graduate,student,school,university
consumer-loan|product|消费贷,消费贷款,个人消费贷款,个人贷款|consumer loan,personal loan
transfer-limit|attribute|转账限额,限额,单笔限额,日累计限额,每日限额|transfer limit,daily limit,limit per transfer,limits
transfer|term|转账,汇款,打款,转钱|transfer,send money,payment
mobile-banking|product|手机银行,网上银行,网银,银行app,手机app|mobile banking,banking app,the app,online banking
usb-key|term|u盾,ukey,数字证书|usb key,u-key,security token
sms-code|term|短信验证码,验证码,短信|sms code,sms,verification code,one-time code
interest-rate|attribute|利率,年化利率,年利率,利息,年化,贷款利率,存款利率,收益率,回报率|interest rate,rate,apr,annual rate,interest,yield
fee|attribute|手续费,费用,收费,费率,服务费,工本费,每笔收,收多少钱,收钱|fee,fees,charge,charges,cost,costs,commission
loan-amount|attribute|贷款金额,贷款额度,额度,借款金额,最多能贷,最高能贷,最多能借,可贷金额,单笔最高|loan amount,borrow up to,how much can i borrow,credit limit,maximum loan
minimum|attribute|最低,起点,起点金额,起存金额,起存,起购,门槛,至少,最少|minimum,at least,starting from,starts at,threshold,min
maximum|attribute|最高,上限,最多,封顶|maximum,up to,cap,at most,ceiling,max
term|attribute|期限,贷款期限,年限,借多久,贷多久,还几年,分几年|term,tenor,loan term,duration,maturity
down-payment|attribute|首付,首付款,首付比例,几成|down payment,deposit on the property,loan-to-value,ltv
ltv|attribute|贷款成数,成数,抵押率|loan-to-value,ltv,loan to value
early-repayment|attribute|提前还款,提前还,提前结清,提前还清,提前偿还,一次性还清|early repayment,repay early,pay off early,pay off my,prepayment,prepay,settle early,repay in full
penalty|attribute|违约金,罚金,罚息,赔偿金|penalty,penalty fee,prepayment charge,early repayment fee,fine
repayment|term|还款,偿还,月供,还本,还本金,本金|repayment,repay,pay back,principal,monthly instalment
grace-period|attribute|宽限期,只还利息,只付利息,先息后本|grace period,interest only,interest-only
disbursement|attribute|放款,到账,下款,出款,入账|disbursement,paid out,payout,funds released,arrive,credited the same day,credited the next,same day,next working day
speed|attribute|多快,多久到账,最快,当天,当日,几天|how fast,how quickly,same day,next working day,fastest
approval|attribute|审批,审核,批下来,批贷,通过|approval,approve,approved,underwriting,decision,decide,decides within
documents|attribute|材料,资料,证明,需要什么,准备什么|documents,paperwork,proof,what do i need,what documents
income-proof|term|收入证明,银行流水,工资流水|proof of income,income proof,bank statements,payslip
id-card|term|身份证,身份证件|id card,identity card,passport
eligibility|attribute|条件,资格,要求,申请条件,谁可以,能不能办|eligibility,eligible,requirements,criteria,who can,qualify
age|attribute|年龄,周岁,岁,年满,老人,儿童|age,aged,years old,elderly,child
co-borrower|term|共同借款人,共同还款人,父母,监护人|co-borrower,guardian,parent,joint borrower
admission|term|录取通知书,录取|offer of admission,admission letter
contract|term|合同,协议,订单,发票,单据|contract,agreement,order,invoice,documents
trade|term|贸易,进出口,外贸,真实贸易背景|trade,trade background,import,export
branch|term|网点,柜台,营业厅,支行|branch,counter,bank branch
apply|term|申请,办理,开通,签约|apply,application,sign up,open
working-day|term|工作日,节假日|working day,business day,holiday
account|term|账户,账号,基本户,基本存款账户,对公账户|account,basic account,company account
inventory-financing|product|存货融资,库存融资,进货贷款|inventory financing,stock financing
receivables-financing|product|应收账款融资,保理|receivables financing,factoring,invoice financing
startup-loan|product|创业贷款,创业担保贷款,创业贷|startup loan,start-up loan,start-up guarantee loan,startup guarantee loan,business start-up loan
subsidy|term|贴息,补贴|interest subsidy,subsidy
cross-border-transfer|product|跨境汇款,境外汇款,国际汇款,电汇|cross-border transfer,international transfer,wire abroad,swift transfer
travel-card|product|旅行信用卡,旅行卡|travel card,travel credit card
shopping-instalment|product|购物分期,消费分期|shopping instalment,purchase instalment
travel-instalment|product|旅游分期,旅行分期|travel instalment
credit-report|term|征信,信用报告,征信记录|credit report,credit record,credit history
overdue|term|逾期,欠款,拖欠|overdue,late payment,arrears,default
guarantee-return|term|保本,保收益,稳赚,稳赚不赔,不会亏,肯定赚|guaranteed return,guaranteed profit,risk-free,can't lose,sure thing
loss|term|亏损,亏本,亏钱,损失|loss,lose money,lose value
price|term|价格,金价,当日价格,成交价,售价,价款|price,market price,day's price,purchase price,sale price
`;
